import { createRoute } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { PERMISSIONS } from "../features/auth/permissions";
import { requirePermission } from "./admin-guard";
import { authedRoute } from "./authed";

export const adminRolesRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/roles",
	beforeLoad: requirePermission(PERMISSIONS.rolesRead),
	component: AdminRolesPage,
});

function AdminRolesPage() {
	const { t } = useTranslation();
	return (
		<div className="portal-stack portal-stack--lg">
			<header className="portal-page-header">
				<h1>{t("adminRoles.title")}</h1>
			</header>
		</div>
	);
}
