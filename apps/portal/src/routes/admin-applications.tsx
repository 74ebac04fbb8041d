import { createRoute } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { PERMISSIONS } from "../features/auth/permissions";
import { requirePermission } from "./admin-guard";
import { authedRoute } from "./authed";

export const adminApplicationsRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/applications",
	beforeLoad: requirePermission(PERMISSIONS.apiKeysManage),
	component: AdminApplicationsPage,
});

function AdminApplicationsPage() {
	const { t } = useTranslation();
	return (
		<div className="portal-stack portal-stack--lg">
			<header className="portal-page-header">
				<h1>{t("adminApplications.title")}</h1>
			</header>
		</div>
	);
}
