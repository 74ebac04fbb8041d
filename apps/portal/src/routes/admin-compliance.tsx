import { createRoute } from "@tanstack/react-router";
import { PERMISSIONS } from "../features/auth/permissions";
import { requireTenantPermission } from "./admin-guard";
import { authedRoute } from "./authed";

export const adminComplianceRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/compliance",
	// The report names people across every account, so the API serves it to a tenant-wide reader only.
	beforeLoad: requireTenantPermission(PERMISSIONS.dashboardRead),
	loader: ({ context }) => {
		void context.trpcUtils.dashboard.compliance.prefetch();
	},
}).lazy(() => import("./admin-compliance.lazy").then((module) => module.route));
