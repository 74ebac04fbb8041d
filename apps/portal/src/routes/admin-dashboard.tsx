import { createRoute } from "@tanstack/react-router";
import { dashboardInput } from "../features/admin-dashboard/hooks/use-dashboard";
import { PERMISSIONS } from "../features/auth/permissions";
import { requirePermission } from "./admin-guard";
import { authedRoute } from "./authed";

export const adminDashboardRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/dashboard",
	beforeLoad: requirePermission(PERMISSIONS.dashboardRead),
	// Start loading the figures while the route resolves; a failure is shown by the page itself.
	loader: ({ context }) => {
		void context.trpcUtils.dashboard.get.prefetch(dashboardInput());
	},
}).lazy(() => import("./admin-dashboard.lazy").then((module) => module.route));
