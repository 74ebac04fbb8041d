import "../i18n/signed-in-strings";
import { createLazyRoute, Link, Outlet } from "@tanstack/react-router";
import { AppShell, AppShellNavGroup } from "@tessera/ui/app-shell";
import { Button } from "@tessera/ui/button";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../components/error-alert";
import { ThemeSwitcher } from "../components/theme-switcher";
import { useSignOut } from "../features/auth/hooks/use-sign-out";
import { hasPermission, hasTenantPermission, PERMISSIONS } from "../features/auth/permissions";
import { BrandMark } from "../features/branding/components/brand-mark";
import { useBranding } from "../features/branding/hooks/use-branding";
import { displayNameOf, useMe } from "../features/profile/hooks/use-me";
import { MfaDeadlineBanner } from "../features/security/components/mfa-deadline-banner";
import { ReauthProvider } from "../features/security/reauth/reauth-provider";

export const route = createLazyRoute("/_authed")({ component: AuthedLayout });

function AuthedLayout() {
	const { t } = useTranslation();
	const me = useMe();
	const signOut = useSignOut();
	const branding = useBranding(me.tenantSlug);
	const name = displayNameOf(me) ?? t("header.unnamedUser");
	// Until the required steps are done, the other pages are not reachable: offer no links to them.
	const hasPendingActions = me.requiredActions.length > 0;
	// The console's pages this user may open: the API checks each again; this only hides links.
	const adminLinks = [
		hasPermission(me, PERMISSIONS.dashboardRead) && { to: "/admin/dashboard", label: t("nav.dashboard") },
		hasPermission(me, PERMISSIONS.usersRead) && { to: "/admin/users", label: t("nav.users") },
		hasPermission(me, PERMISSIONS.invitationsManage) && { to: "/admin/invitations", label: t("nav.invitations") },
		hasPermission(me, PERMISSIONS.rolesRead) && { to: "/admin/roles", label: t("nav.roles") },
		hasPermission(me, PERMISSIONS.apiKeysManage) && { to: "/admin/applications", label: t("nav.applications") },
		hasTenantPermission(me, PERMISSIONS.auditRead) && { to: "/admin/audit", label: t("nav.audit") },
		hasTenantPermission(me, PERMISSIONS.dashboardRead) && { to: "/admin/compliance", label: t("nav.compliance") },
		hasTenantPermission(me, PERMISSIONS.policyManage) && { to: "/admin/policy", label: t("nav.policy") },
		hasTenantPermission(me, PERMISSIONS.policyManage) && { to: "/admin/branding", label: t("nav.branding") },
	].filter((link) => link !== false);

	return (
		<AppShell
			brand={<BrandMark branding={branding} />}
			navLabel={t("app.mainNavigation")}
			skipLinkLabel={t("app.skipToContent")}
			menuLabel={t("app.menu")}
			nav={
				hasPendingActions ? undefined : (
					<>
						<AppShellNavGroup title={t("nav.groups.account")}>
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
						</AppShellNavGroup>
						{adminLinks.length > 0 && (
							<AppShellNavGroup title={t("nav.groups.admin")}>
								{adminLinks.map((link) => (
									<li key={link.to}>
										<Link to={link.to}>{link.label}</Link>
									</li>
								))}
							</AppShellNavGroup>
						)}
					</>
				)
			}
			preferences={<ThemeSwitcher />}
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
