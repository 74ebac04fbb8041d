import { Badge } from "@tessera/ui/badge";
import { Card } from "@tessera/ui/card";
import { Table } from "@tessera/ui/table";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "../../../lib/use-date-format";
import { ActionName } from "../../audit/components/action-name";
import type { UserDetail } from "../hooks/use-user-detail";
import { eventActor } from "../user-detail-logic";

/** The latest audit events about the user, newest first, in the viewer's time zone. */
export function AuditCard({
	detail,
	viewerId,
	timeZone,
}: {
	detail: UserDetail;
	viewerId: string;
	timeZone: string | null;
}) {
	const { t } = useTranslation();
	const format = useDateFormat(timeZone);
	const actorOf = (event: UserDetail["recentEvents"][number]) => {
		const actor = eventActor(event, viewerId, detail.user.id);
		switch (actor.kind) {
			case "named":
				return actor.name;
			case "system":
				return t("adminUser.audit.actorSystem");
			case "you":
				return t("adminUser.audit.actorYou");
			case "user":
				return t("adminUser.audit.actorUser");
			default:
				return t("adminUser.audit.actorOther");
		}
	};

	return (
		<Card title={t("adminUser.audit.title")} description={t("adminUser.audit.description")}>
			{detail.recentEvents.length === 0 ? (
				<p className="portal-muted">{t("adminUser.audit.none")}</p>
			) : (
				<Table caption={t("adminUser.audit.title")}>
					<thead>
						<tr>
							<th scope="col">{t("adminUser.audit.columns.time")}</th>
							<th scope="col">{t("adminUser.audit.columns.event")}</th>
							<th scope="col">{t("adminUser.audit.columns.outcome")}</th>
							<th scope="col">{t("adminUser.audit.columns.actor")}</th>
							<th scope="col">{t("adminUser.audit.columns.ip")}</th>
						</tr>
					</thead>
					<tbody>
						{detail.recentEvents.map((event) => (
							<tr key={event.id}>
								<td className="portal-nowrap">
									<time dateTime={event.occurredAt.toISOString()}>{format.dateTime(event.occurredAt)}</time>
								</td>
								<th scope="row">
									<ActionName action={event.action} />
								</th>
								<td>
									<Badge tone={event.outcome === "success" ? "success" : "danger"}>
										{t(`adminUser.audit.outcomes.${event.outcome}`)}
									</Badge>
								</td>
								<td>{actorOf(event)}</td>
								<td>{event.ip ?? "—"}</td>
							</tr>
						))}
					</tbody>
				</Table>
			)}
		</Card>
	);
}
