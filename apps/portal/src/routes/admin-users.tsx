import { createRoute } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { PERMISSIONS } from "../features/auth/permissions";
import { requirePermission } from "./admin-guard";
import { authedRoute } from "./authed";

export const adminUsersRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/users",
	beforeLoad: requirePermission(PERMISSIONS.usersRead),
	component: AdminUsersPage,
});

function AdminUsersPage() {
	const { t } = useTranslation();
	return (
		<div className="portal-stack portal-stack--lg">
			<header className="portal-page-header">
				<h1>{t("adminUsers.title")}</h1>
			</header>
		</div>
	);
}
