import { Badge } from "@tessera/ui/badge";
import { Card } from "@tessera/ui/card";
import { DescriptionList } from "@tessera/ui/description-list";
import { useTranslation } from "react-i18next";
import { effectiveTimeZone, formatDateTime } from "../../../lib/dates";
import type { Me } from "../hooks/use-me";

const STATE_KEYS = {
	create: "states.create",
	active: "states.active",
	inactive: "states.inactive",
	deleting: "states.deleting",
	deleted: "states.deleted",
} as const satisfies Record<Me["state"], string>;

const USER_TYPE_KEYS = {
	human: "userTypes.human",
	application: "userTypes.application",
} as const satisfies Record<Me["userType"], string>;

/**
 * Read-only account facts. Times are shown in the user's own time zone (else the browser's),
 * never the server's.
 */
export function ProfileDetails({ me }: { me: Me }) {
	const { t, i18n } = useTranslation();
	const timeZone = effectiveTimeZone(me.timeZone);
	const locale = i18n.resolvedLanguage ?? i18n.language;
	const when = (date: Date | null) => (date ? formatDateTime(date, locale, timeZone) : t("profile.never"));

	return (
		<Card title={t("profile.accountTitle")}>
			<DescriptionList
				items={[
					{
						id: "email",
						term: t("profile.email"),
						description: me.email ? (
							<span className="portal-inline">
								<span>{me.email}</span>
								<Badge tone={me.emailVerified ? "success" : "warning"}>
									{me.emailVerified ? t("profile.emailVerified") : t("profile.emailNotVerified")}
								</Badge>
							</span>
						) : (
							t("profile.notSet")
						),
					},
					{ id: "username", term: t("profile.username"), description: me.username ?? t("profile.notSet") },
					{ id: "state", term: t("profile.state"), description: t(STATE_KEYS[me.state]) },
					{ id: "userType", term: t("profile.userType"), description: t(USER_TYPE_KEYS[me.userType]) },
					{ id: "createdAt", term: t("profile.createdAt"), description: when(me.createdAt) },
					{ id: "lastSignInAt", term: t("profile.lastSignInAt"), description: when(me.lastSignInAt) },
					{ id: "passwordChangedAt", term: t("profile.passwordChangedAt"), description: when(me.passwordChangedAt) },
				]}
			/>
			<p className="portal-muted">{t("profile.timesShownIn", { timeZone })}</p>
		</Card>
	);
}
