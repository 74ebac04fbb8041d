import { Badge } from "@tessera/ui/badge";
import { Button } from "@tessera/ui/button";
import { RowActions } from "@tessera/ui/row-actions";
import { Table } from "@tessera/ui/table";
import { VisuallyHidden } from "@tessera/ui/visually-hidden";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "../../../lib/use-date-format";
import { type InvitationView, statusTone } from "../invitation-status";
import "../admin-invitations.css";

export interface InvitationsTableProps {
	invitations: readonly InvitationView[];
	/** The viewer's profile time zone (null: the browser's). */
	timeZone: string | null;
	onResend: (invitation: InvitationView) => void;
	onRevoke: (invitation: InvitationView) => void;
}

function nameOf(invitation: Pick<InvitationView, "firstName" | "lastName">): string | null {
	return [invitation.firstName, invitation.lastName].filter(Boolean).join(" ") || null;
}

/** One row per invitation: who, which role, who sent it, where it stands, and what can be done. */
export function InvitationsTable({ invitations, timeZone, onResend, onRevoke }: InvitationsTableProps) {
	const { t } = useTranslation();
	const format = useDateFormat(timeZone);
	return (
		<Table caption={t("adminInvitations.table.caption")}>
			<thead>
				<tr>
					<th scope="col">{t("adminInvitations.table.email")}</th>
					<th scope="col">{t("adminInvitations.table.name")}</th>
					<th scope="col">{t("adminInvitations.table.role")}</th>
					<th scope="col">{t("adminInvitations.table.invitedBy")}</th>
					<th scope="col">{t("adminInvitations.table.status")}</th>
					<th scope="col">{t("adminInvitations.table.sent")}</th>
					<th scope="col">{t("adminInvitations.table.expires")}</th>
					<th scope="col">
						<VisuallyHidden>{t("common.actions")}</VisuallyHidden>
					</th>
				</tr>
			</thead>
			<tbody>
				{invitations.map((invitation) => (
					<tr key={invitation.id}>
						<th scope="row">{invitation.email}</th>
						<td>{nameOf(invitation) ?? <span className="portal-muted">{t("adminInvitations.table.noName")}</span>}</td>
						<td>
							{invitation.role?.name ?? <span className="portal-muted">{t("adminInvitations.table.noRole")}</span>}
						</td>
						<td>
							{invitation.invitedBy?.name ?? (
								<span className="portal-muted">{t("adminInvitations.table.unknownInviter")}</span>
							)}
						</td>
						<td>
							<Badge tone={statusTone(invitation.status)}>{t(`adminInvitations.status.${invitation.status}`)}</Badge>
						</td>
						<td>{format.dateTime(invitation.createdAt)}</td>
						<td>
							{invitation.status === "accepted" && invitation.acceptedAt ? (
								<>
									<span className="admin-invitations-secondary">{t("adminInvitations.table.acceptedOn")}</span>
									{format.dateTime(invitation.acceptedAt)}
								</>
							) : (
								format.dateTime(invitation.expiresAt)
							)}
						</td>
						<td>
							<RowActions>
								{invitation.actions.resend && (
									<Button
										variant="secondary"
										size="sm"
										aria-label={t("adminInvitations.resend.buttonNamed", { email: invitation.email })}
										onClick={() => onResend(invitation)}
									>
										{t("adminInvitations.resend.button")}
									</Button>
								)}
								{invitation.actions.revoke && (
									<Button
										variant="ghost"
										size="sm"
										aria-label={t("adminInvitations.revoke.buttonNamed", { email: invitation.email })}
										onClick={() => onRevoke(invitation)}
									>
										{t("adminInvitations.revoke.button")}
									</Button>
								)}
							</RowActions>
						</td>
					</tr>
				))}
			</tbody>
		</Table>
	);
}
