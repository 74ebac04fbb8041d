import { Alert } from "@tessera/ui/alert";
import { Badge } from "@tessera/ui/badge";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { RowActions } from "@tessera/ui/row-actions";
import { Spinner } from "@tessera/ui/spinner";
import { Table } from "@tessera/ui/table";
import { VisuallyHidden } from "@tessera/ui/visually-hidden";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useDateFormat } from "../../../lib/use-date-format";
import { useDescribeDevice } from "../hooks/use-describe-device";
import { useRevokeOtherSessions, useRevokeSession, useSessions } from "../hooks/use-sessions";

/** Where the user is signed in; end one session or all others (SECURITY S08). */
export function SessionsCard({ timeZone }: { timeZone: string | null }) {
	const { t } = useTranslation();
	const sessions = useSessions();
	const revoke = useRevokeSession();
	const revokeOthers = useRevokeOtherSessions();
	const format = useDateFormat(timeZone);
	const describe = useDescribeDevice();
	const others = sessions.data?.filter((session) => !session.current).length ?? 0;

	return (
		<Card
			title={t("security.sessions.title")}
			description={t("security.sessions.description")}
			actions={
				others > 0 ? (
					<Button
						variant="secondary"
						size="sm"
						loading={revokeOthers.isPending}
						onClick={() => {
							revoke.reset();
							revokeOthers.mutate();
						}}
					>
						{t("security.sessions.revokeOthers")}
					</Button>
				) : undefined
			}
		>
			<div className="portal-stack">
				{revokeOthers.isSuccess && (
					<Alert tone="success" title={t("security.sessions.revokedOthers", { count: revokeOthers.data.revoked })} />
				)}
				{revokeOthers.error && <ErrorAlert error={revokeOthers.error} />}
				{revoke.error && <ErrorAlert error={revoke.error} />}
				{sessions.isPending && <Spinner label={t("app.loading")} />}
				{sessions.error && <ErrorAlert error={sessions.error} />}
				{sessions.data && (
					<Table caption={t("security.sessions.title")}>
						<thead>
							<tr>
								<th scope="col">{t("security.sessions.columns.device")}</th>
								<th scope="col">{t("security.sessions.columns.ip")}</th>
								<th scope="col">{t("security.sessions.columns.created")}</th>
								<th scope="col">{t("security.sessions.columns.lastActive")}</th>
								<th scope="col">
									<VisuallyHidden>{t("common.actions")}</VisuallyHidden>
								</th>
							</tr>
						</thead>
						<tbody>
							{sessions.data.map((session) => (
								<tr key={session.id} data-current={session.current || undefined}>
									<th scope="row">
										<span className="portal-inline">
											<span>{describe(session)}</span>
											{session.current && <Badge tone="info">{t("security.sessions.thisDevice")}</Badge>}
										</span>
									</th>
									<td>{session.ip ?? t("security.sessions.unknownIp")}</td>
									<td>{format.dateTime(session.createdAt)}</td>
									<td>{format.dateTime(session.lastActiveAt)}</td>
									<td>
										<RowActions>
											{!session.current && (
												<Button
													variant="ghost"
													size="sm"
													loading={revoke.isPending && revoke.variables === session.id}
													aria-label={t("security.sessions.revokeNamed", { device: describe(session) })}
													onClick={() => {
														revokeOthers.reset();
														revoke.mutate(session.id);
													}}
												>
													{t("security.sessions.revoke")}
												</Button>
											)}
										</RowActions>
									</td>
								</tr>
							))}
						</tbody>
					</Table>
				)}
			</div>
		</Card>
	);
}
