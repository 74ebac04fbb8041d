import { createRoute } from "@tanstack/react-router";
import { rootRoute } from "./root";

/**
 * Where the reset email's link lands (`/reset-password#token=…`): public. The token stays in the
 * fragment so it never reaches server logs; links carry it the way invitation links do, so the
 * same reader takes it out.
 */
export const resetPasswordRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/reset-password",
}).lazy(() => import("./reset-password.lazy").then((module) => module.route));
