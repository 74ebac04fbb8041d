import { createRoute } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { PERMISSIONS } from "../features/auth/permissions";
import { requirePermission } from "./admin-guard";
import { authedRoute } from "./authed";

export const adminUserDetailRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/users/$userId",
	beforeLoad: requirePermission(PERMISSIONS.usersRead),
	component: AdminUserDetailPage,
});

function AdminUserDetailPage() {
	const { t } = useTranslation();
	return (
		<div className="portal-stack portal-stack--lg">
			<header className="portal-page-header">
				<h1>{t("adminUser.title")}</h1>
			</header>
		</div>
	);
}
