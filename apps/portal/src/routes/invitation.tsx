import { createRoute } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { rootRoute } from "./root";

/**
 * Where the invitation email's link lands (`/invitation#token=…`): public, since the invited
 * person has no password yet. The token stays in the fragment so it never reaches server logs.
 */
export const invitationRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/invitation",
	component: InvitationPage,
});

function InvitationPage() {
	const { t } = useTranslation();
	return (
		<div className="portal-center portal-stack">
			<h1>{t("adminInvitations.acceptTitle")}</h1>
		</div>
	);
}
