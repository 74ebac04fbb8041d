import { createRoute, redirect } from "@tanstack/react-router";
import { authedRoute } from "./authed";

export const requiredActionsRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/required-actions",
	beforeLoad: ({ context }) => {
		// Nothing to do: straight to the profile.
		if (context.me.requiredActions.length === 0) {
			throw redirect({ to: "/" });
		}
	},
}).lazy(() => import("./required-actions.lazy").then((module) => module.route));
