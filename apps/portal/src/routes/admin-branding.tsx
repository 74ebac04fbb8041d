import { createRoute } from "@tanstack/react-router";
import { PERMISSIONS } from "../features/auth/permissions";
import { requireTenantPermission } from "./admin-guard";
import { authedRoute } from "./authed";

export const adminBrandingRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/branding",
	// Branding is tenant-wide and shown to everyone signing in: guarded as the security policy is.
	beforeLoad: requireTenantPermission(PERMISSIONS.policyManage),
	loader: async ({ context }) => {
		await context.trpcUtils.branding.get.prefetch({ tenant: context.me.tenantSlug });
	},
}).lazy(() => import("./admin-branding.lazy").then((module) => module.route));
