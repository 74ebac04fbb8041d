import { createRoute } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { PERMISSIONS } from "../features/auth/permissions";
import { requirePermission } from "./admin-guard";
import { authedRoute } from "./authed";

export const adminInvitationsRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/invitations",
	beforeLoad: requirePermission(PERMISSIONS.invitationsManage),
	component: AdminInvitationsPage,
});

function AdminInvitationsPage() {
	const { t } = useTranslation();
	return (
		<div className="portal-stack portal-stack--lg">
			<header className="portal-page-header">
				<h1>{t("adminInvitations.title")}</h1>
			</header>
		</div>
	);
}
