import { createLazyRoute, Link, Outlet } from "@tanstack/react-router";
import { AppShell } from "@tessera/ui/app-shell";
import { Button } from "@tessera/ui/button";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../components/error-alert";
import { useSignOut } from "../features/auth/hooks/use-sign-out";
import { hasPermission, hasTenantPermission, PERMISSIONS } from "../features/auth/permissions";
import { displayNameOf, useMe } from "../features/profile/hooks/use-me";
import { MfaDeadlineBanner } from "../features/security/components/mfa-deadline-banner";
import { ReauthProvider } from "../features/security/reauth/reauth-provider";

export const route = createLazyRoute("/_authed")({ component: AuthedLayout });

function AuthedLayout() {
	const { t } = useTranslation();
	const me = useMe();
	const signOut = useSignOut();
	const name = displayNameOf(me) ?? t("header.unnamedUser");
	// Until the required steps are done, the other pages are not reachable: offer no links to them.
	const hasPendingActions = me.requiredActions.length > 0;

	return (
		<AppShell
			brand={t("app.name")}
			navLabel={t("app.mainNavigation")}
			skipLinkLabel={t("app.skipToContent")}
			nav={
				hasPendingActions ? undefined : (
					<ul>
						<li>
							<Link to="/" activeOptions={{ exact: true }}>
								{t("nav.profile")}
							</Link>
						</li>
						<li>
							<Link to="/security">{t("nav.security")}</Link>
						</li>
						<li>
							<Link to="/activity">{t("activity.nav")}</Link>
						</li>
						{hasPermission(me, PERMISSIONS.dashboardRead) && (
							<li>
								<Link to="/admin/dashboard">{t("nav.dashboard")}</Link>
							</li>
						)}
						{hasTenantPermission(me, PERMISSIONS.dashboardRead) && (
							<li>
								<Link to="/admin/compliance">{t("nav.compliance")}</Link>
							</li>
						)}
						{hasPermission(me, PERMISSIONS.usersRead) && (
							<li>
								<Link to="/admin/users">{t("nav.users")}</Link>
							</li>
						)}
						{hasPermission(me, PERMISSIONS.invitationsManage) && (
							<li>
								<Link to="/admin/invitations">{t("nav.invitations")}</Link>
							</li>
						)}
						{hasPermission(me, PERMISSIONS.rolesRead) && (
							<li>
								<Link to="/admin/roles">{t("nav.roles")}</Link>
							</li>
						)}
						{hasPermission(me, PERMISSIONS.apiKeysManage) && (
							<li>
								<Link to="/admin/applications">{t("nav.applications")}</Link>
							</li>
						)}
						{hasTenantPermission(me, PERMISSIONS.auditRead) && (
							<li>
								<Link to="/admin/audit">{t("nav.audit")}</Link>
							</li>
						)}
						{hasTenantPermission(me, PERMISSIONS.policyManage) && (
							<li>
								<Link to="/admin/policy">{t("nav.policy")}</Link>
							</li>
						)}
					</ul>
				)
			}
			user={
				<>
					<span className="portal-user-name" data-testid="current-user-name">
						{name}
					</span>
					<Button variant="secondary" size="sm" loading={signOut.isPending} onClick={() => signOut.mutate()}>
						{t("header.signOut")}
					</Button>
				</>
			}
		>
			{signOut.error && <ErrorAlert error={signOut.error} className="portal-page-alert" />}
			<MfaDeadlineBanner timeZone={me.timeZone} canOpenSecurity={!hasPendingActions} />
			<ReauthProvider>
				<Outlet />
			</ReauthProvider>
		</AppShell>
	);
}
