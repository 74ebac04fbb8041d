import { createRouter } from "@tanstack/react-router";
import { activityRoute } from "./routes/activity";
import { adminApplicationsRoute } from "./routes/admin-applications";
import { adminAuditRoute } from "./routes/admin-audit";
import { adminBrandingRoute } from "./routes/admin-branding";
import { adminComplianceRoute } from "./routes/admin-compliance";
import { adminDashboardRoute } from "./routes/admin-dashboard";
import { adminInvitationsRoute } from "./routes/admin-invitations";
import { adminPolicyRoute } from "./routes/admin-policy";
import { adminRolesRoute } from "./routes/admin-roles";
import { adminUserDetailRoute } from "./routes/admin-user-detail";
import { adminUsersRoute } from "./routes/admin-users";
import { authedRoute } from "./routes/authed";
import { devMailboxRoute } from "./routes/dev-mailbox";
import { forgotPasswordRoute } from "./routes/forgot-password";
import { invitationRoute } from "./routes/invitation";
import { profileRoute } from "./routes/profile";
import { requiredActionsRoute } from "./routes/required-actions";
import { resetPasswordRoute } from "./routes/reset-password";
import { PendingPage, type RouterContext, rootRoute } from "./routes/root";
import { securityRoute } from "./routes/security";
import { signInRoute } from "./routes/sign-in";

/**
 * Code-based route tree: the public pages (sign-in, accepting an invitation, the development
 * mailbox), and the signed-in pages under the `_authed` layout; admin pages live under `/admin`.
 */
export const routeTree = rootRoute.addChildren([
	signInRoute,
	invitationRoute,
	forgotPasswordRoute,
	resetPasswordRoute,
	devMailboxRoute,
	authedRoute.addChildren([
		profileRoute,
		securityRoute,
		activityRoute,
		requiredActionsRoute,
		adminUsersRoute,
		adminUserDetailRoute,
		adminInvitationsRoute,
		adminRolesRoute,
		adminApplicationsRoute,
		adminDashboardRoute,
		adminAuditRoute,
		adminPolicyRoute,
		adminBrandingRoute,
		adminComplianceRoute,
	]),
]);

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
