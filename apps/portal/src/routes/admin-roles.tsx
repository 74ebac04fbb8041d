import { createRoute } from "@tanstack/react-router";
import { PERMISSIONS } from "../features/auth/permissions";
import { requirePermission } from "./admin-guard";
import { authedRoute } from "./authed";

export const adminRolesRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/roles",
	beforeLoad: requirePermission(PERMISSIONS.rolesRead),
	// Start both queries together; the page shows a spinner until they are in.
	loader: async ({ context }) => {
		await Promise.all([context.trpcUtils.roles.list.prefetch(), context.trpcUtils.roles.permissions.prefetch()]);
	},
}).lazy(() => import("./admin-roles.lazy").then((module) => module.route));
