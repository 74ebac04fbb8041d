import { Alert } from "@tessera/ui/alert";
import { Badge, type BadgeTone } from "@tessera/ui/badge";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { RowActions } from "@tessera/ui/row-actions";
import { Spinner } from "@tessera/ui/spinner";
import { Table } from "@tessera/ui/table";
import { VisuallyHidden } from "@tessera/ui/visually-hidden";
import { type Ref, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { ErrorAlert } from "../../../components/error-alert";
import { useDateFormat } from "../../../lib/use-date-format";
import type { ApiKey, ApplicationUser } from "../application-form";
import { useApiKeys, useIssueApiKey, useRevokeApiKey } from "../hooks/use-applications";
import { IssueKeyDialog } from "./issue-key-dialog";
import { IssuedKeyDialog } from "./issued-key-dialog";
import "../admin-applications.css";

const STATUS_TONES: Record<ApiKey["status"], BadgeTone> = {
	active: "success",
	expired: "warning",
	revoked: "neutral",
};

/**
 * One application user's keys (name, visible prefix, status and dates in the viewer's zone):
 * issue a key, whose secret is shown once, and revoke one after confirming.
 */
export function ApiKeysCard({
	user,
	timeZone,
	onClose,
	ref,
}: {
	user: ApplicationUser;
	timeZone: string | null;
	onClose: () => void;
	ref?: Ref<HTMLElement>;
}) {
	const { t } = useTranslation();
	const format = useDateFormat(timeZone);
	const keys = useApiKeys(user.id);
	const issue = useIssueApiKey();
	const revoke = useRevokeApiKey();
	const [isIssuing, setIsIssuing] = useState(false);
	const [revoking, setRevoking] = useState<ApiKey | null>(null);
	const [notice, setNotice] = useState<string | null>(null);
	const isRetired = user.state === "deleting" || user.state === "deleted";
	// The one place the full key lives, until the person closes its dialog.
	const issued = issue.data ? { key: issue.data.key, name: issue.data.apiKey.name } : null;

	return (
		<Card
			ref={ref}
			id="api-keys"
			tabIndex={-1}
			title={t("adminApplications.keys.title", { name: user.name })}
			description={t("adminApplications.keys.description")}
			actions={
				<span className="portal-inline">
					{!isRetired && (
						<Button
							size="sm"
							onClick={() => {
								setNotice(null);
								issue.reset();
								setIsIssuing(true);
							}}
						>
							{t("adminApplications.keys.issue")}
						</Button>
					)}
					<Button variant="secondary" size="sm" onClick={onClose}>
						{t("adminApplications.keys.close")}
					</Button>
				</span>
			}
		>
			<div className="portal-stack">
				{isRetired && (
					<Alert tone="info">
						<p>{t("adminApplications.keys.retired")}</p>
					</Alert>
				)}
				{notice && <Alert tone="success" title={notice} />}
				{keys.isPending && <Spinner label={t("app.loading")} />}
				{keys.error && <ErrorAlert error={keys.error} />}
				{keys.data?.length === 0 && <p className="portal-flush portal-muted">{t("adminApplications.keys.none")}</p>}
				{keys.data && keys.data.length > 0 && (
					<Table caption={t("adminApplications.keys.tableCaption", { name: user.name })}>
						<thead>
							<tr>
								<th scope="col">{t("adminApplications.keys.columns.name")}</th>
								<th scope="col">{t("adminApplications.keys.columns.prefix")}</th>
								<th scope="col">{t("adminApplications.keys.columns.status")}</th>
								<th scope="col">{t("adminApplications.keys.columns.created")}</th>
								<th scope="col">{t("adminApplications.keys.columns.expires")}</th>
								<th scope="col">{t("adminApplications.keys.columns.lastUsed")}</th>
								<th scope="col">{t("adminApplications.keys.columns.revoked")}</th>
								<th scope="col">
									<VisuallyHidden>{t("common.actions")}</VisuallyHidden>
								</th>
							</tr>
						</thead>
						<tbody>
							{keys.data.map((key) => (
								<tr key={key.id}>
									<th scope="row">{key.name}</th>
									<td>
										<code>tsk_{key.prefix}_…</code>
									</td>
									<td>
										<Badge tone={STATUS_TONES[key.status]}>{t(`adminApplications.keys.status.${key.status}`)}</Badge>
									</td>
									<td>{format.dateTime(key.createdAt)}</td>
									<td>{key.expiresAt ? format.dateTime(key.expiresAt) : t("adminApplications.keys.never")}</td>
									<td>{key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t("adminApplications.keys.neverUsed")}</td>
									<td>{key.revokedAt ? format.dateTime(key.revokedAt) : t("adminApplications.keys.notRevoked")}</td>
									<td>
										<RowActions>
											{key.status === "active" && (
												<Button
													variant="ghost"
													size="sm"
													aria-label={t("adminApplications.keys.revokeNamed", { name: key.name })}
													onClick={() => {
														setNotice(null);
														revoke.reset();
														setRevoking(key);
													}}
												>
													{t("adminApplications.keys.revoke")}
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

			<IssueKeyDialog
				user={user}
				open={isIssuing && issued === null}
				issue={issue}
				timeZone={timeZone}
				onClose={() => {
					setIsIssuing(false);
					issue.reset();
				}}
			/>
			<IssuedKeyDialog
				issued={issued}
				onDone={() => {
					// Forget the key: it is never shown again, and should not linger in memory.
					setIsIssuing(false);
					issue.reset();
				}}
			/>
			<ConfirmDialog
				open={revoking !== null}
				title={t("adminApplications.keys.revokeTitle", { name: revoking?.name ?? "" })}
				description={t("adminApplications.keys.revokeBody")}
				confirmLabel={t("adminApplications.keys.revokeConfirm")}
				tone="danger"
				isPending={revoke.isPending}
				error={revoke.error}
				onCancel={() => setRevoking(null)}
				onConfirm={() => {
					if (revoking) {
						const name = revoking.name;
						revoke.mutate(
							{ keyId: revoking.id },
							{
								onSuccess: () => {
									setRevoking(null);
									setNotice(t("adminApplications.keys.revoked", { name }));
								},
							},
						);
					}
				}}
			/>
		</Card>
	);
}
