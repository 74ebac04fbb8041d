import { authRouter } from "./routers/auth/router";
import { meRouter } from "./routers/me/router";
import { usersRouter } from "./routers/users/router";
import { router } from "./trpc";

export const appRouter = router({
	auth: authRouter,
	me: meRouter,
	users: usersRouter,
});

export type AppRouter = typeof appRouter;
