import { createRoute } from "@tanstack/react-router";
import { rootRoute } from "./root";

/**
 * Where the invitation email's link lands (`/invitation#token=…`): public, since the invited
 * person has no password yet. The token stays in the fragment so it never reaches server logs.
 */
export const invitationRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/invitation",
}).lazy(() => import("./invitation.lazy").then((module) => module.route));
