import { createRouter } from "@tanstack/react-router";
import { adminUsersRoute } from "./routes/admin-users";
import { authedRoute } from "./routes/authed";
import { profileRoute } from "./routes/profile";
import { PendingPage, type RouterContext, rootRoute } from "./routes/root";
import { signInRoute } from "./routes/sign-in";

/** Code-based route tree: the sign-in page, and the signed-in pages under the `_authed` layout. */
export const routeTree = rootRoute.addChildren([signInRoute, authedRoute.addChildren([profileRoute, adminUsersRoute])]);

export function createPortalRouter(context: RouterContext) {
	return createRouter({
		routeTree,
		context,
		defaultPreload: "intent",
		// React Query owns caching; let it decide freshness instead of the router.
		defaultPreloadStaleTime: 0,
		defaultPendingComponent: PendingPage,
		scrollRestoration: true,
	});
}

declare module "@tanstack/react-router" {
	interface Register {
		router: ReturnType<typeof createPortalRouter>;
	}
}
