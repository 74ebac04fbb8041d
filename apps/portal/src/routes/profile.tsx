import { createRoute } from "@tanstack/react-router";
import { authedRoute } from "./authed";

export const profileRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/",
}).lazy(() => import("./profile.lazy").then((module) => module.route));
