import { createRoute } from "@tanstack/react-router";
import { PERMISSIONS } from "../features/auth/permissions";
import { requireTenantPermission } from "./admin-guard";
import { authedRoute } from "./authed";

export const adminPolicyRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/policy",
	// The policy is tenant-wide, so the API serves it to a tenant-wide policy.manage only.
	beforeLoad: requireTenantPermission(PERMISSIONS.policyManage),
	loader: async ({ context }) => {
		await context.trpcUtils.policy.get.prefetch();
	},
}).lazy(() => import("./admin-policy.lazy").then((module) => module.route));
