import "../i18n/admin-strings";
import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Dialog } from "@tessera/ui/dialog";
import { ListPage } from "@tessera/ui/list-page";
import { SelectField } from "@tessera/ui/select-field";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../components/confirm-dialog";
import { ErrorAlert } from "../components/error-alert";
import { InvitationsTable } from "../features/admin-invitations/components/invitations-table";
import { InviteUserForm } from "../features/admin-invitations/components/invite-user-form";
import {
	useInvitations,
	useResendInvitation,
	useRevokeInvitation,
} from "../features/admin-invitations/hooks/use-invitations";
import {
	INVITATION_STATUSES,
	type InvitationView,
	isInvitationStatus,
} from "../features/admin-invitations/invitation-status";
import { useMe } from "../features/profile/hooks/use-me";
import { useDateFormat } from "../lib/use-date-format";
import "../features/admin-invitations/admin-invitations.css";

// getRouteApi, not an import of ./admin-invitations: the lazy chunk must not pull the route file back in.
const adminInvitationsRoute = getRouteApi("/_authed/admin/invitations");

export const route = createLazyRoute("/_authed/admin/invitations")({ component: AdminInvitationsPage });

type PendingAction = { kind: "resend" | "revoke"; invitation: InvitationView };

/** What the page last did, announced above the list. */
type Notice =
	| { kind: "invited"; email: string; expiresAt: Date }
	| { kind: "resent"; email: string; expiresAt: Date }
	| { kind: "revoked"; email: string };

function AdminInvitationsPage() {
	const { t } = useTranslation();
	const me = useMe();
	const format = useDateFormat(me.timeZone);
	const search = adminInvitationsRoute.useSearch();
	const navigate = adminInvitationsRoute.useNavigate();
	const invitations = useInvitations(search.status);
	const resend = useResendInvitation();
	const revoke = useRevokeInvitation();
	const [isInviting, setIsInviting] = useState(false);
	const [pending, setPending] = useState<PendingAction | null>(null);
	const [notice, setNotice] = useState<Notice | null>(null);

	const items = invitations.items;

	const askFor = (kind: PendingAction["kind"], invitation: InvitationView) => {
		resend.reset();
		revoke.reset();
		setPending({ kind, invitation });
	};

	const confirmPending = () => {
		if (!pending) {
			return;
		}
		const { email } = pending.invitation;
		const invitationId = pending.invitation.id;
		if (pending.kind === "resend") {
			resend.mutate(
				{ invitationId },
				{
					onSuccess: (updated) => {
						setNotice({ kind: "resent", email, expiresAt: updated.expiresAt });
						setPending(null);
					},
				},
			);
		} else {
			revoke.mutate(
				{ invitationId },
				{
					onSuccess: () => {
						setNotice({ kind: "revoked", email });
						setPending(null);
					},
				},
			);
		}
	};

	let noticeText: string | null = null;
	if (notice?.kind === "invited") {
		noticeText = t("adminInvitations.notice.invited", {
			email: notice.email,
			expires: format.dateTime(notice.expiresAt),
		});
	} else if (notice?.kind === "resent") {
		noticeText = t("adminInvitations.notice.resent", {
			email: notice.email,
			expires: format.dateTime(notice.expiresAt),
		});
	} else if (notice?.kind === "revoked") {
		noticeText = t("adminInvitations.notice.revoked", { email: notice.email });
	}

	return (
		<>
			<ListPage
				title={t("adminInvitations.title")}
				description={t("adminInvitations.subtitle")}
				actions={
					<Button
						onClick={() => {
							setNotice(null);
							setIsInviting(true);
						}}
					>
						{t("adminInvitations.invite")}
					</Button>
				}
				notice={noticeText && <Alert tone="success" title={noticeText} />}
				filters={
					<div className="admin-invitations-toolbar">
						<SelectField
							label={t("adminInvitations.filter.status")}
							name="status"
							value={search.status ?? ""}
							options={[
								{ value: "", label: t("adminInvitations.filter.all") },
								...INVITATION_STATUSES.map((status) => ({
									value: status,
									label: t(`adminInvitations.status.${status}`),
								})),
							]}
							onChange={(event) => {
								const status = event.target.value;
								void navigate({ search: isInvitationStatus(status) ? { status } : {}, replace: true });
							}}
						/>
					</div>
				}
				summary={
					items === undefined
						? null
						: invitations.hasNextPage
							? t("adminInvitations.countMore", { count: items.length })
							: t("adminInvitations.count", { count: items.length })
				}
				isLoading={invitations.isPending}
				loadingLabel={t("app.loading")}
				error={invitations.error && <ErrorAlert error={invitations.error} />}
				isEmpty={items?.length === 0}
				empty={
					<Alert tone="info">
						<p>
							{search.status
								? t("adminInvitations.emptyFiltered", { status: t(`adminInvitations.status.${search.status}`) })
								: t("adminInvitations.empty")}
						</p>
					</Alert>
				}
				pagination={
					items &&
					items.length > 0 &&
					invitations.hasNextPage && (
						<div className="admin-invitations-more">
							<Button variant="secondary" loading={invitations.isFetchingNextPage} onClick={invitations.fetchNextPage}>
								{t("adminInvitations.showMore")}
							</Button>
						</div>
					)
				}
			>
				{items && (
					<InvitationsTable
						invitations={items}
						timeZone={me.timeZone}
						onResend={(invitation) => askFor("resend", invitation)}
						onRevoke={(invitation) => askFor("revoke", invitation)}
					/>
				)}
			</ListPage>

			<Dialog
				open={isInviting}
				onClose={() => setIsInviting(false)}
				title={t("adminInvitations.form.title")}
				description={t("adminInvitations.form.description")}
				className="admin-invitations-dialog"
			>
				<InviteUserForm
					me={me}
					onCancel={() => setIsInviting(false)}
					onInvited={(invitation) => {
						setIsInviting(false);
						// The new invitation moved every page by one: start again from the top.
						invitations.showFirstPageOnly();
						setNotice({ kind: "invited", email: invitation.email, expiresAt: invitation.expiresAt });
					}}
				/>
			</Dialog>

			<ConfirmDialog
				open={pending?.kind === "resend"}
				title={t("adminInvitations.resend.title")}
				description={
					pending ? t("adminInvitations.resend.description", { email: pending.invitation.email }) : undefined
				}
				confirmLabel={t("adminInvitations.resend.confirm")}
				isPending={resend.isPending}
				error={resend.error}
				onConfirm={confirmPending}
				onCancel={() => setPending(null)}
			/>
			<ConfirmDialog
				open={pending?.kind === "revoke"}
				tone="danger"
				title={t("adminInvitations.revoke.title")}
				description={
					pending ? t("adminInvitations.revoke.description", { email: pending.invitation.email }) : undefined
				}
				confirmLabel={t("adminInvitations.revoke.confirm")}
				isPending={revoke.isPending}
				error={revoke.error}
				onConfirm={confirmPending}
				onCancel={() => setPending(null)}
			/>
		</>
	);
}
