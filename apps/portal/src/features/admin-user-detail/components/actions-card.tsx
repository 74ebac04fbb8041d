import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "../../../lib/use-date-format";
import type { UserDetail, UserMutations } from "../hooks/use-user-detail";
import { displayNameOfUser, shownActions, type UserAction } from "../user-detail-logic";
import { ActionDialog } from "./action-dialog";

/** Which of the page's mutations carries out each action. */
const MUTATION_OF = {
	deactivate: "changeState",
	reactivate: "changeState",
	delete: "changeState",
	restore: "restore",
	forcePasswordChange: "setRequiredActions",
	sendPasswordReset: "sendPasswordReset",
	resetMfa: "resetMfa",
	revokeSessions: "revokeSessions",
	unlock: "unlock",
} as const satisfies Record<UserAction, keyof UserMutations>;

const DANGEROUS: ReadonlySet<UserAction> = new Set(["deactivate", "delete", "resetMfa", "revokeSessions"]);

/** The actions of one card: everyday ones near the top of the page, the destructive ones apart. */
export type ActionGroup = "everyday" | "danger";

/** Which card shows an action: those that lock a person out or take away what they set up are kept apart. */
export function actionsOfGroup(detail: UserDetail, group: ActionGroup) {
	return shownActions(detail.actions).filter(({ action }) => DANGEROUS.has(action) === (group === "danger"));
}

/**
 * Lifecycle and security actions, as the server allows them (`detail.actions`): an allowed action
 * is a button; one refused because the user outranks the admin, or is the last tenant
 * administrator, is a disabled button with the reason; the rest are not shown. Each asks first,
 * names the version it acts on where the API needs one, and says what happened afterwards. The
 * everyday actions (reactivate, unlock, send a reset link…) and the destructive ones (deactivate,
 * delete, reset MFA, end sessions) are two cards: the second is the page's danger zone, at its end.
 */
export function ActionsCard({
	detail,
	mutations,
	timeZone,
	group,
}: {
	detail: UserDetail;
	mutations: UserMutations;
	timeZone: string | null;
	group: ActionGroup;
}) {
	const { t } = useTranslation();
	const format = useDateFormat(timeZone);
	const [pending, setPending] = useState<UserAction | null>(null);
	const [done, setDone] = useState<string | null>(null);
	const actions = actionsOfGroup(detail, group);
	const refusals = [...new Set(actions.flatMap(({ refusal }) => (refusal ? [refusal] : [])))];
	const { user } = detail;
	const name = displayNameOfUser(user) ?? t("adminUser.unnamed");

	const mutationOf = (action: UserAction) => mutations[MUTATION_OF[action]];

	const open = (action: UserAction) => {
		mutationOf(action).reset();
		setDone(null);
		setPending(action);
	};

	const finish = (message: string) => {
		setPending(null);
		setDone(message);
	};

	const confirm = (action: UserAction) => {
		const { id: userId, version } = user;
		switch (action) {
			case "deactivate":
				mutations.changeState.mutate(
					{ userId, version, to: "inactive" },
					{ onSuccess: () => finish(t("adminUser.actions.deactivate.done")) },
				);
				return;
			case "reactivate":
				mutations.changeState.mutate(
					{ userId, version, to: "active" },
					{ onSuccess: () => finish(t("adminUser.actions.reactivate.done")) },
				);
				return;
			case "delete":
				mutations.changeState.mutate(
					{ userId, version, to: "deleting" },
					{
						onSuccess: (after) =>
							finish(
								t("adminUser.actions.delete.done", {
									date: after.plannedPurgeAt ? format.dateTime(after.plannedPurgeAt) : "—",
								}),
							),
					},
				);
				return;
			case "restore":
				mutations.restore.mutate({ userId, version }, { onSuccess: () => finish(t("adminUser.actions.restore.done")) });
				return;
			case "forcePasswordChange":
				mutations.setRequiredActions.mutate(
					{ userId, version, actions: [...new Set([...detail.requiredActions, "change_password" as const])] },
					{ onSuccess: () => finish(t("adminUser.actions.forcePasswordChange.done")) },
				);
				return;
			case "resetMfa":
				mutations.resetMfa.mutate({ userId }, { onSuccess: () => finish(t("adminUser.actions.resetMfa.done")) });
				return;
			case "revokeSessions":
				mutations.revokeSessions.mutate(
					{ userId },
					{ onSuccess: (result) => finish(t("adminUser.actions.revokeSessions.done", { count: result.revoked })) },
				);
				return;
			case "unlock":
				mutations.unlock.mutate({ userId }, { onSuccess: () => finish(t("adminUser.actions.unlock.done")) });
				return;
			case "sendPasswordReset":
				mutations.sendPasswordReset.mutate(
					{ userId },
					{ onSuccess: () => finish(t("adminUser.actions.sendPasswordReset.done")) },
				);
				return;
			default:
				return;
		}
	};

	const active = pending ? mutationOf(pending) : null;
	// A card with nothing to offer stays out of the way, unless it is saying what it just did
	// (deleting moves the user to a state where the danger zone offers nothing).
	if (actions.length === 0 && done === null && pending === null) return null;

	return (
		<Card
			title={group === "danger" ? t("adminUser.dangerZone.title") : t("adminUser.actions.title")}
			description={group === "danger" ? t("adminUser.dangerZone.description") : t("adminUser.actions.description")}
			className={group === "danger" ? "admin-user-danger-zone" : undefined}
		>
			<div className="portal-stack">
				{done && <Alert tone="success" role="status" title={done} />}
				{actions.length === 0 ? (
					<p className="portal-muted">{t("adminUser.actions.none")}</p>
				) : (
					<div className="admin-user-actions">
						{actions.map(({ action, refusal }) => (
							<Button
								key={action}
								variant={DANGEROUS.has(action) ? "danger" : "secondary"}
								disabled={refusal !== null}
								title={refusal ? t(`adminUser.actions.refusals.${refusal}`) : undefined}
								onClick={() => open(action)}
							>
								{t(`adminUser.actions.${action}.label`)}
							</Button>
						))}
					</div>
				)}
				{refusals.map((refusal) => (
					<p key={refusal} className="portal-muted">
						{t(`adminUser.actions.refusals.${refusal}`)}
					</p>
				))}
			</div>
			{pending && active && (
				<ActionDialogFor
					action={pending}
					name={name}
					isPending={active.isPending}
					error={active.error}
					onConfirm={() => confirm(pending)}
					onCancel={() => setPending(null)}
				/>
			)}
		</Card>
	);
}

function ActionDialogFor({
	action,
	name,
	isPending,
	error,
	onConfirm,
	onCancel,
}: {
	action: UserAction;
	name: string;
	isPending: boolean;
	error: unknown;
	onConfirm: () => void;
	onCancel: () => void;
}) {
	const { t } = useTranslation();
	return (
		<ActionDialog
			open
			title={t(`adminUser.actions.${action}.title`, { name })}
			description={t(`adminUser.actions.${action}.body`)}
			confirmLabel={t(`adminUser.actions.${action}.confirm`)}
			tone={DANGEROUS.has(action) ? "danger" : "primary"}
			isPending={isPending}
			error={error}
			onConfirm={onConfirm}
			onCancel={onCancel}
		/>
	);
}
