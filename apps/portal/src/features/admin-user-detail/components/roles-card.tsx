import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { CheckboxField } from "@tessera/ui/checkbox-field";
import { SelectField } from "@tessera/ui/select-field";
import { Spinner } from "@tessera/ui/spinner";
import { Table } from "@tessera/ui/table";
import { VisuallyHidden } from "@tessera/ui/visually-hidden";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useDateFormat } from "../../../lib/use-date-format";
import { useRoleName } from "../../admin-roles/hooks/use-role-label";
import {
	type RoleAssignment,
	type UserDetail,
	type UserMutations,
	useAssignmentChoices,
	useUserAssignments,
} from "../hooks/use-user-detail";
import { assignableRoles, buildAssignInput, contextChoicesFor, displayNameOfUser } from "../user-detail-logic";
import { ActionDialog } from "./action-dialog";

interface Row {
	key: string;
	assignment: RoleAssignment | null;
	roleName: string;
	contextType: RoleAssignment["contextType"];
	contextLabel: string | null;
	appliesToSubAccounts: boolean;
	createdAt: Date | null;
}

/**
 * The user's roles and where they apply. With roles.read the list comes from the assignments
 * (with context names and ids); without it, from the user detail. Holders of roles.manage can
 * assign a role in a context that fits the role, and remove an assignment; the API's refusals
 * (a grant beyond one's own permissions, the last administrator) are shown as they come.
 */
export function RolesCard({
	detail,
	canReadRoles,
	canManageRoles,
	mutations,
	timeZone,
}: {
	detail: UserDetail;
	canReadRoles: boolean;
	canManageRoles: boolean;
	mutations: UserMutations;
	timeZone: string | null;
}) {
	const { t } = useTranslation();
	const roleName = useRoleName();
	const format = useDateFormat(timeZone);
	const assignments = useUserAssignments(detail.user.id, canReadRoles);
	const [removing, setRemoving] = useState<Row | null>(null);
	const [message, setMessage] = useState<string | null>(null);
	const name = displayNameOfUser(detail.user) ?? t("adminUser.unnamed");
	const isLive = detail.user.state !== "deleting" && detail.user.state !== "deleted";

	const rows: Row[] = canReadRoles
		? (assignments.data ?? []).map((assignment) => ({
				key: assignment.id,
				assignment,
				roleName: roleName({ key: assignment.roleKey, name: assignment.roleName }),
				contextType: assignment.contextType,
				contextLabel: assignment.contextLabel,
				appliesToSubAccounts: assignment.appliesToSubAccounts,
				createdAt: assignment.createdAt,
			}))
		: detail.roles.map((role) => ({
				key: `${role.roleKey}:${role.contextType}:${role.contextId}`,
				assignment: null,
				roleName: roleName({ key: role.roleKey, name: role.roleName }),
				contextType: role.contextType,
				contextLabel: null,
				appliesToSubAccounts: role.appliesToSubAccounts,
				createdAt: null,
			}));

	const contextText = (row: Pick<Row, "contextType" | "contextLabel">) => {
		const type = t(`adminUser.roles.contextTypes.${row.contextType}`);
		return row.contextLabel
			? t("adminUser.roles.contextLabel", { type, name: row.contextLabel })
			: t("adminUser.roles.unknownContext", { type });
	};
	const canRemove = canManageRoles && canReadRoles;

	return (
		<Card title={t("adminUser.roles.title")} description={t("adminUser.roles.description")}>
			<div className="portal-stack">
				{message && <Alert tone="success" role="status" title={message} />}
				{canReadRoles && assignments.isPending && <Spinner label={t("app.loading")} />}
				{canReadRoles && assignments.error && (
					<ErrorAlert error={assignments.error} title={t("adminUser.roles.loadFailed")} />
				)}
				{(!canReadRoles || assignments.data) &&
					(rows.length === 0 ? (
						<p className="portal-muted">{t("adminUser.roles.none")}</p>
					) : (
						<Table caption={t("adminUser.roles.title")}>
							<thead>
								<tr>
									<th scope="col">{t("adminUser.roles.columns.role")}</th>
									<th scope="col">{t("adminUser.roles.columns.context")}</th>
									<th scope="col">{t("adminUser.roles.columns.subAccounts")}</th>
									<th scope="col">{t("adminUser.roles.columns.since")}</th>
									{canRemove && (
										<th scope="col">
											<VisuallyHidden>{t("common.actions")}</VisuallyHidden>
										</th>
									)}
								</tr>
							</thead>
							<tbody>
								{rows.map((row) => (
									<tr key={row.key}>
										<th scope="row">{row.roleName}</th>
										<td>{row.assignment ? contextText(row) : t(`adminUser.roles.contextTypes.${row.contextType}`)}</td>
										<td>{row.appliesToSubAccounts ? t("common.yes") : t("common.no")}</td>
										<td>{row.createdAt ? format.dateTime(row.createdAt) : "—"}</td>
										{canRemove && (
											<td>
												<Button
													variant="ghost"
													size="sm"
													aria-label={t("adminUser.roles.removeNamed", {
														role: row.roleName,
														where: contextText(row),
													})}
													onClick={() => {
														mutations.unassign.reset();
														setMessage(null);
														setRemoving(row);
													}}
												>
													{t("adminUser.roles.remove")}
												</Button>
											</td>
										)}
									</tr>
								))}
							</tbody>
						</Table>
					))}
				{canManageRoles && canReadRoles && isLive && (
					<AssignRoleForm
						userId={detail.user.id}
						name={name}
						mutation={mutations.assign}
						onAssigned={() => setMessage(t("adminUser.roles.assigned"))}
						onStart={() => setMessage(null)}
					/>
				)}
			</div>
			<ActionDialog
				open={removing !== null}
				title={t("adminUser.roles.removeTitle", { role: removing?.roleName ?? "" })}
				description={t("adminUser.roles.removeBody", { name, where: removing ? contextText(removing) : "" })}
				confirmLabel={t("adminUser.roles.removeConfirm")}
				tone="danger"
				isPending={mutations.unassign.isPending}
				error={mutations.unassign.error}
				onConfirm={() => {
					const assignmentId = removing?.assignment?.id;
					if (!assignmentId) {
						return;
					}
					mutations.unassign.mutate(
						{ assignmentId },
						{
							onSuccess: () => {
								setRemoving(null);
								setMessage(t("adminUser.roles.removed"));
							},
						},
					);
				}}
				onCancel={() => setRemoving(null)}
			/>
		</Card>
	);
}

function AssignRoleForm({
	userId,
	name,
	mutation,
	onAssigned,
	onStart,
}: {
	userId: string;
	name: string;
	mutation: UserMutations["assign"];
	onAssigned: () => void;
	onStart: () => void;
}) {
	const { t } = useTranslation();
	const roleName = useRoleName();
	const { roles, grantable } = useAssignmentChoices(true);
	const [roleId, setRoleId] = useState("");
	const [contextId, setContextId] = useState("");
	const [appliesToSubAccounts, setAppliesToSubAccounts] = useState(false);
	const [isConfirming, setIsConfirming] = useState(false);

	const offered = assignableRoles(roles.data ?? [], grantable.data);
	const role = offered.find((candidate) => candidate.id === roleId);
	const choices = contextChoicesFor(role, grantable.data);
	// A single choice (the organisation, or the only account) needs no picking.
	const effectiveContextId = choices.length === 1 ? (choices[0]?.value ?? "") : contextId;
	const context = choices.find((choice) => choice.value === effectiveContextId);
	const contextText =
		role && context
			? t("adminUser.roles.contextLabel", {
					type: t(`adminUser.roles.contextTypes.${role.contextType}`),
					name: context.label,
				})
			: "";

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		if (!role || !context) {
			return;
		}
		onStart();
		mutation.reset();
		setIsConfirming(true);
	};

	if (roles.isPending || grantable.isPending) {
		return <Spinner label={t("app.loading")} />;
	}
	if (roles.error || grantable.error) {
		return <ErrorAlert error={roles.error ?? grantable.error} title={t("adminUser.roles.loadFailed")} />;
	}

	return (
		<form className="portal-stack admin-user-assign" onSubmit={handleSubmit} aria-labelledby="admin-user-assign-title">
			<h3 id="admin-user-assign-title" className="portal-subheading">
				{t("adminUser.roles.assignTitle")}
			</h3>
			<div className="portal-form-grid">
				<SelectField
					label={t("adminUser.roles.role")}
					name="roleId"
					value={roleId}
					options={[
						{ value: "", label: t("adminUser.roles.chooseRole"), disabled: true },
						...offered.map((candidate) => ({ value: candidate.id, label: roleName(candidate) })),
					]}
					onChange={(event) => {
						setRoleId(event.target.value);
						setContextId("");
						setAppliesToSubAccounts(false);
					}}
				/>
				{role && (
					<SelectField
						label={t("adminUser.roles.context")}
						name="contextId"
						value={effectiveContextId}
						disabled={choices.length === 0}
						hint={choices.length === 0 ? t("adminUser.roles.noContexts") : undefined}
						options={[
							...(choices.length === 1
								? []
								: [{ value: "", label: t("adminUser.roles.chooseContext"), disabled: true }]),
							...choices.map(({ value, label }) => ({ value, label })),
						]}
						onChange={(event) => setContextId(event.target.value)}
					/>
				)}
			</div>
			{role?.contextType === "account" && context?.withSubAccounts && (
				<CheckboxField
					label={t("adminUser.roles.subAccounts")}
					hint={t("adminUser.roles.subAccountsHint")}
					checked={appliesToSubAccounts}
					onChange={(event) => setAppliesToSubAccounts(event.target.checked)}
				/>
			)}
			<div className="portal-form-actions">
				<Button type="submit" variant="secondary" disabled={!role || !context}>
					{t("adminUser.roles.assign")}
				</Button>
			</div>
			<ActionDialog
				open={isConfirming}
				title={t("adminUser.roles.assignConfirmTitle", { role: role?.name ?? "", name })}
				description={t("adminUser.roles.assignConfirmBody", { name, where: contextText })}
				confirmLabel={t("adminUser.roles.assign")}
				isPending={mutation.isPending}
				error={mutation.error}
				onConfirm={() => {
					if (!role || !context) {
						return;
					}
					const withSubAccounts = appliesToSubAccounts && context.withSubAccounts;
					mutation.mutate(buildAssignInput(userId, role, context.value, withSubAccounts), {
						onSuccess: () => {
							setIsConfirming(false);
							setRoleId("");
							setContextId("");
							setAppliesToSubAccounts(false);
							onAssigned();
						},
					});
				}}
				onCancel={() => setIsConfirming(false)}
			/>
		</form>
	);
}
