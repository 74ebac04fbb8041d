import "../activity.css";
import { Badge } from "@tessera/ui/badge";
import { Table } from "@tessera/ui/table";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "../../../lib/use-date-format";
import { ActionName } from "../../audit/components/action-name";
import { useDescribeDevice } from "../../security/hooks/use-describe-device";
import type { ActivityEvent } from "../hooks/use-own-activity";

export interface ActivityTableProps {
	items: ActivityEvent[];
	/** The profile's time zone (the browser's when unset). */
	timeZone: string | null;
	/** The next page or category is loading; the rows shown are the previous ones. */
	isBusy: boolean;
}

/** The caller's events, newest first: when, what, whether it worked, who, from which device and address. */
export function ActivityTable({ items, timeZone, isBusy }: ActivityTableProps) {
	const { t } = useTranslation();
	const format = useDateFormat(timeZone);
	const describeDevice = useDescribeDevice();
	// An administrator's device and address are not the user's to see: the API leaves them out.
	const notShown = <span className="portal-muted">{t("activity.table.notShown")}</span>;

	return (
		<Table caption={t("activity.table.caption")} aria-busy={isBusy || undefined} className="activity-table">
			<thead>
				<tr>
					<th scope="col">{t("activity.columns.time")}</th>
					<th scope="col">{t("activity.columns.event")}</th>
					<th scope="col">{t("activity.columns.outcome")}</th>
					<th scope="col">{t("activity.columns.by")}</th>
					<th scope="col">{t("activity.columns.device")}</th>
					<th scope="col">{t("activity.columns.ip")}</th>
				</tr>
			</thead>
			<tbody>
				{items.map((event) => (
					<tr key={event.id} data-outcome={event.outcome}>
						<td className="portal-nowrap">
							<time dateTime={event.occurredAt.toISOString()}>{format.dateTime(event.occurredAt)}</time>
						</td>
						<th scope="row">
							<ActionName action={event.action} />
						</th>
						<td>
							<Badge tone={event.outcome === "success" ? "success" : "danger"}>
								{t(`audit.outcomes.${event.outcome}`)}
							</Badge>
						</td>
						<td>{t(`activity.by.${event.by}`)}</td>
						<td>
							{event.device
								? describeDevice(event.device)
								: event.by === "other"
									? notShown
									: t("security.sessions.unknownDevice")}
						</td>
						<td className="portal-nowrap">
							{event.ip ?? (event.by === "other" ? notShown : t("security.sessions.unknownIp"))}
						</td>
					</tr>
				))}
			</tbody>
		</Table>
	);
}
