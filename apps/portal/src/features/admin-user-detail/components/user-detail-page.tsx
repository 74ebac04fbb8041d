import { Link } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Spinner } from "@tessera/ui/spinner";
import { Tabs } from "@tessera/ui/tabs";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { readApiError } from "../../../lib/errors";
import { useDateFormat } from "../../../lib/use-date-format";
import { hasPermission, PERMISSIONS } from "../../auth/permissions";
import { useMe } from "../../profile/hooks/use-me";
import { useUserDetail, useUserMutations } from "../hooks/use-user-detail";
import { shownActions } from "../user-detail-logic";
import type { UserDetailTab } from "../user-detail-search";
import { ActionsCard } from "./actions-card";
import { AdminProfileForm } from "./admin-profile-form";
import { AuditCard } from "./audit-card";
import { RequiredActionsCard } from "./required-actions-card";
import { RolesCard } from "./roles-card";
import { SecuritySection } from "./security-section";
import { UserHeader } from "./user-header";
import "../admin-user-detail.css";

/**
 * One user as an administrator sees them: who they are and the everyday actions on top, then
 * their profile (editable with users.write), how they sign in, their roles and recent activity
 * as tabs, and the danger zone below the tabs. An id that does not exist, or a user outside the
 * admin's reach, reads as "not found".
 */
export function UserDetailPage({
	userId,
	tab,
	onTabChange,
}: {
	userId: string;
	tab: UserDetailTab;
	onTabChange: (tab: UserDetailTab) => void;
}) {
	const { t } = useTranslation();
	const me = useMe();
	const detail = useUserDetail(userId);
	const mutations = useUserMutations();
	const format = useDateFormat(me.timeZone);

	if (detail.isPending) {
		return (
			<div className="portal-stack portal-stack--lg">
				<BackLink />
				<Spinner label={t("adminUser.loading")} />
			</div>
		);
	}
	if (detail.error) {
		const { code } = readApiError(detail.error);
		// A malformed id is as unknown as a well-formed one nobody has.
		const isNotFound = code === "NOT_FOUND" || code === "BAD_REQUEST";
		return (
			<div className="portal-stack portal-stack--lg">
				<BackLink />
				<header className="portal-page-header">
					<h1>{isNotFound ? t("adminUser.notFoundTitle") : t("adminUser.title")}</h1>
				</header>
				{isNotFound ? (
					<Alert tone="warning">
						<p>{t("adminUser.notFoundBody")}</p>
					</Alert>
				) : (
					<>
						<ErrorAlert error={detail.error} title={t("adminUser.loadFailedTitle")} />
						<div>
							<Button variant="secondary" onClick={() => void detail.refetch()}>
								{t("adminUser.retry")}
							</Button>
						</div>
					</>
				)}
			</div>
		);
	}

	const data = detail.data;
	const { user } = data;
	// What the admin may do to this user is the server's answer, hierarchy included.
	const canWrite = data.actions.editProfile.allowed;
	const canSecurity = data.actions.setRequiredActions.allowed;
	const showActions = shownActions(data.actions).length > 0;

	return (
		<div className="portal-stack portal-stack--lg">
			<UserHeader detail={data} timeZone={me.timeZone} />
			{showActions && <ActionsCard group="everyday" detail={data} mutations={mutations} timeZone={me.timeZone} />}
			<Tabs
				label={t("adminUser.tabs.label")}
				selected={tab}
				onSelect={onTabChange}
				tabs={[
					{
						id: "profile",
						label: t("adminUser.tabs.profile"),
						panel: (
							<AdminProfileForm
								key={user.id}
								user={user}
								primaryAccount={data.primaryAccount}
								canEdit={canWrite}
								update={mutations.update}
								timeZone={me.timeZone}
							/>
						),
					},
					{
						id: "security",
						label: t("adminUser.tabs.security"),
						panel: (
							<div className="portal-stack portal-stack--lg">
								{canSecurity && (
									<RequiredActionsCard key={user.id} detail={data} mutation={mutations.setRequiredActions} />
								)}
								<SecuritySection detail={data} timeZone={me.timeZone} />
							</div>
						),
					},
					{
						id: "roles",
						label: t("adminUser.tabs.roles"),
						panel: (
							<RolesCard
								detail={data}
								canReadRoles={hasPermission(me, PERMISSIONS.rolesRead)}
								canManageRoles={data.actions.changeRoles.allowed}
								mutations={mutations}
								timeZone={me.timeZone}
							/>
						),
					},
					{
						id: "activity",
						label: t("adminUser.tabs.activity"),
						panel: <AuditCard detail={data} viewerId={me.id} timeZone={me.timeZone} />,
					},
				]}
			/>
			{/* Below the tabs, not in one: its actions span lifecycle (deactivate, delete) and
			    security (reset MFA, end sessions), and whatever tab is open, they stay together and last. */}
			{showActions && <ActionsCard group="danger" detail={data} mutations={mutations} timeZone={me.timeZone} />}
			<p className="portal-muted">{t("adminUser.timesShownIn", { timeZone: format.timeZone })}</p>
		</div>
	);
}

function BackLink() {
	const { t } = useTranslation();
	return (
		<Link to="/admin/users" className="admin-user-back">
			{t("adminUser.backToUsers")}
		</Link>
	);
}
