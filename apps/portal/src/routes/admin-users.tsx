import { createRoute, redirect } from "@tanstack/react-router";
import { Card } from "@tessera/ui/card";
import { useTranslation } from "react-i18next";
import { hasPermission, PERMISSIONS } from "../features/auth/permissions";
import { authedRoute } from "./authed";

export const adminUsersRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/users",
	beforeLoad: ({ context }) => {
		// Hides the page from users without the permission; the API checks it again on every call.
		if (!hasPermission(context.me, PERMISSIONS.usersRead)) {
			throw redirect({ to: "/" });
		}
	},
	component: AdminUsersPage,
});

function AdminUsersPage() {
	const { t } = useTranslation();
	return (
		<div className="portal-stack portal-stack--lg">
			<header className="portal-page-header">
				<h1>{t("admin.usersTitle")}</h1>
			</header>
			<Card>
				<p>{t("admin.usersComingSoon")}</p>
			</Card>
		</div>
	);
}
