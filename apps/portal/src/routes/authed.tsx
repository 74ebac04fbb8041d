import { createRoute, Link, Outlet, redirect } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { AppShell } from "@tessera/ui/app-shell";
import { Button } from "@tessera/ui/button";
import { useTranslation } from "react-i18next";
import { useSignOut } from "../features/auth/hooks/use-sign-out";
import { hasPermission, PERMISSIONS } from "../features/auth/permissions";
import { displayNameOf, useMe } from "../features/profile/hooks/use-me";
import { applyUserLanguage } from "../i18n/i18n";
import { getErrorMessage, readApiError } from "../lib/errors";
import { rootRoute } from "./root";

/**
 * Pathless layout for every signed-in page. `beforeLoad` loads the session user (from cache
 * when fresh) and hands it to child routes as `context.me`; without a session it sends the
 * visitor to the sign-in page and remembers where they were going.
 */
export const authedRoute = createRoute({
	getParentRoute: () => rootRoute,
	id: "_authed",
	beforeLoad: async ({ context, location }) => {
		try {
			const me = await context.trpcUtils.me.get.ensureData();
			await applyUserLanguage(me.language);
			return { me };
		} catch (error) {
			if (readApiError(error).code === "UNAUTHORIZED") {
				throw redirect({ to: "/sign-in", search: { redirect: location.href } });
			}
			throw error;
		}
	},
	component: AuthedLayout,
});

function AuthedLayout() {
	const { t } = useTranslation();
	const me = useMe();
	const signOut = useSignOut();
	const name = displayNameOf(me) ?? t("header.unnamedUser");

	return (
		<AppShell
			brand={t("app.name")}
			navLabel={t("app.mainNavigation")}
			skipLinkLabel={t("app.skipToContent")}
			nav={
				<ul>
					<li>
						<Link to="/" activeOptions={{ exact: true }}>
							{t("nav.profile")}
						</Link>
					</li>
					{hasPermission(me, PERMISSIONS.usersRead) && (
						<li>
							<Link to="/admin/users">{t("nav.users")}</Link>
						</li>
					)}
				</ul>
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
			{signOut.error && (
				<Alert tone="error" className="portal-page-alert">
					<p>{getErrorMessage(signOut.error, t)}</p>
				</Alert>
			)}
			<Outlet />
		</AppShell>
	);
}
