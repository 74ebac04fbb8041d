import { Link } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { Badge, type BadgeTone } from "@tessera/ui/badge";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "../../../lib/use-date-format";
import type { DetailUser, UserDetail } from "../hooks/use-user-detail";
import { displayNameOfUser } from "../user-detail-logic";

const STATE_TONES: Record<DetailUser["state"], BadgeTone> = {
	create: "info",
	active: "success",
	inactive: "neutral",
	deleting: "warning",
	deleted: "danger",
};

/** Who the user is at a glance: name, email, state, type and primary account. */
export function UserHeader({ detail, timeZone }: { detail: UserDetail; timeZone: string | null }) {
	const { t } = useTranslation();
	const format = useDateFormat(timeZone);
	const { user } = detail;
	const name = displayNameOfUser(user) ?? t("adminUser.unnamed");
	return (
		<header className="portal-page-header admin-user-header">
			<Link to="/admin/users" className="admin-user-back">
				{t("adminUser.backToUsers")}
			</Link>
			<h1>{name}</h1>
			<p className="portal-muted">{user.email ?? t("adminUser.header.noEmail")}</p>
			<dl className="admin-user-facts">
				<div>
					<dt>{t("adminUser.header.state")}</dt>
					<dd>
						<Badge tone={STATE_TONES[user.state]}>{t(`states.${user.state}`)}</Badge>
					</dd>
				</div>
				<div>
					<dt>{t("adminUser.header.type")}</dt>
					<dd>{t(`userTypes.${user.userType}`)}</dd>
				</div>
				<div>
					<dt>{t("adminUser.header.primaryAccount")}</dt>
					<dd>{detail.primaryAccount?.name ?? t("adminUser.header.noPrimaryAccount")}</dd>
				</div>
			</dl>
			{user.state === "deleting" && user.plannedPurgeAt && (
				<Alert tone="warning">
					<p>{t("adminUser.header.purgePlanned", { date: format.dateTime(user.plannedPurgeAt) })}</p>
				</Alert>
			)}
			{user.state === "deleted" && (
				<Alert tone="info">
					<p>{t("adminUser.header.purged")}</p>
				</Alert>
			)}
			{detail.requiredActions.length > 0 && (
				<Alert tone="info">
					<p>
						{t("adminUser.header.requiredActions", {
							actions: detail.requiredActions
								.map((action) => t(`adminUser.requiredActions.names.${action}`))
								.join(", "),
						})}
					</p>
				</Alert>
			)}
		</header>
	);
}
