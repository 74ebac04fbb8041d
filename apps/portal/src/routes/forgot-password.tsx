import { createRoute } from "@tanstack/react-router";
import { rootRoute } from "./root";

/** "Forgot password?": public, asks for the organisation and the address and mails a reset link. */
export const forgotPasswordRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/forgot-password",
	loader: ({ context }) => context.trpcUtils.auth.config.prefetch(),
}).lazy(() => import("./forgot-password.lazy").then((module) => module.route));
