import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { DOMAIN_MESSAGE_KEYS, type KnownDomainCode } from "../../../lib/errors";
import { displayNameOf } from "../../profile/hooks/use-me";
import { type BulkStateTarget, useBulkChangeState } from "../hooks/use-bulk-change-state";
import type { UserListItem } from "../hooks/use-users-list";

/** Which state each bulk action moves users out of: the others in a selection are left alone. */
const FROM_STATE = { inactive: "active", active: "inactive" } as const satisfies Record<BulkStateTarget, string>;

interface BulkOutcome {
	to: BulkStateTarget;
	succeeded: number;
	failed: { userId: string; label: string; code: string | null }[];
}

function labelOf(item: UserListItem): string {
	return displayNameOf(item) ?? item.id;
}

function isKnownDomainCode(code: string): code is KnownDomainCode {
	return Object.hasOwn(DOMAIN_MESSAGE_KEYS, code);
}

export interface BulkStateActionsProps {
	/** The selected users as currently listed (with the versions the admin saw). */
	selected: UserListItem[];
	onClearSelection: () => void;
}

/**
 * Deactivate or reactivate the selected users, after a confirmation that says how many change
 * and how many are skipped (already in that state, invited, being deleted). The API answers per
 * user; failures are listed by name with the reason, successes counted.
 */
export function BulkStateActions({ selected, onClearSelection }: BulkStateActionsProps) {
	const { t } = useTranslation();
	const mutation = useBulkChangeState();
	const [pending, setPending] = useState<BulkStateTarget | null>(null);
	const [outcome, setOutcome] = useState<BulkOutcome | null>(null);

	const eligible = (to: BulkStateTarget) => selected.filter((item) => item.state === FROM_STATE[to]);
	const targets = pending ? eligible(pending) : [];
	const skipped = selected.length - targets.length;

	const reasonOf = (code: string | null) =>
		code && isKnownDomainCode(code) ? t(DOMAIN_MESSAGE_KEYS[code]) : t("errors.generic");

	const confirm = () => {
		if (!pending) {
			return;
		}
		const to = pending;
		const labels = new Map(targets.map((item) => [item.id, labelOf(item)]));
		mutation.mutate(
			{ to, users: targets.map((item) => ({ userId: item.id, version: item.version })) },
			{
				onSuccess: (results) => {
					setOutcome({
						to,
						succeeded: results.filter((result) => result.ok).length,
						failed: results
							.filter((result) => !result.ok)
							.map((result) => ({
								userId: result.userId,
								label: labels.get(result.userId) ?? result.userId,
								code: result.code,
							})),
					});
					setPending(null);
					onClearSelection();
				},
			},
		);
	};

	const open = (to: BulkStateTarget) => {
		mutation.reset();
		setOutcome(null);
		setPending(to);
	};

	return (
		<div className="portal-stack portal-stack--sm">
			{selected.length > 0 && (
				<section className="admin-users-bulk" aria-label={t("adminUsers.bulk.label")}>
					<span aria-live="polite">{t("adminUsers.bulk.selected", { count: selected.length })}</span>
					<div className="portal-inline">
						<Button
							variant="secondary"
							size="sm"
							disabled={eligible("inactive").length === 0}
							onClick={() => open("inactive")}
						>
							{t("adminUsers.bulk.deactivate")}
						</Button>
						<Button
							variant="secondary"
							size="sm"
							disabled={eligible("active").length === 0}
							onClick={() => open("active")}
						>
							{t("adminUsers.bulk.reactivate")}
						</Button>
						<Button variant="ghost" size="sm" onClick={onClearSelection}>
							{t("adminUsers.bulk.clear")}
						</Button>
					</div>
				</section>
			)}
			{outcome && <BulkOutcomeAlerts outcome={outcome} reasonOf={reasonOf} onDismiss={() => setOutcome(null)} />}
			<ConfirmDialog
				open={pending !== null}
				title={
					pending === "inactive"
						? t("adminUsers.bulk.deactivateTitle", { count: targets.length })
						: t("adminUsers.bulk.reactivateTitle", { count: targets.length })
				}
				description={[
					pending === "inactive"
						? t("adminUsers.bulk.deactivateDescription")
						: t("adminUsers.bulk.reactivateDescription"),
					skipped > 0 &&
						(pending === "inactive"
							? t("adminUsers.bulk.skippedNotActive", { count: skipped })
							: t("adminUsers.bulk.skippedNotInactive", { count: skipped })),
				]
					.filter(Boolean)
					.join(" ")}
				confirmLabel={
					pending === "inactive"
						? t("adminUsers.bulk.deactivateConfirm", { count: targets.length })
						: t("adminUsers.bulk.reactivateConfirm", { count: targets.length })
				}
				tone={pending === "inactive" ? "danger" : "primary"}
				isPending={mutation.isPending}
				error={mutation.error}
				onConfirm={confirm}
				onCancel={() => setPending(null)}
			/>
		</div>
	);
}

function BulkOutcomeAlerts({
	outcome,
	reasonOf,
	onDismiss,
}: {
	outcome: BulkOutcome;
	reasonOf: (code: string | null) => string;
	onDismiss: () => void;
}) {
	const { t } = useTranslation();
	const dismiss = (
		<Button variant="ghost" size="sm" onClick={onDismiss}>
			{t("adminUsers.bulk.dismiss")}
		</Button>
	);
	return (
		<div className="portal-stack portal-stack--sm">
			{outcome.succeeded > 0 && (
				<Alert
					tone="success"
					title={
						outcome.to === "inactive"
							? t("adminUsers.bulk.deactivated", { count: outcome.succeeded })
							: t("adminUsers.bulk.reactivated", { count: outcome.succeeded })
					}
					action={outcome.failed.length === 0 ? dismiss : undefined}
				/>
			)}
			{outcome.failed.length > 0 && (
				<Alert tone="warning" title={t("adminUsers.bulk.failed", { count: outcome.failed.length })} action={dismiss}>
					<ul className="admin-users-bulk__failures">
						{outcome.failed.map((failure) => (
							<li key={failure.userId}>
								{t("adminUsers.bulk.failure", { name: failure.label, reason: reasonOf(failure.code) })}
							</li>
						))}
					</ul>
				</Alert>
			)}
		</div>
	);
}
