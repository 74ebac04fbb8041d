import { Alert } from "@tessera/ui/alert";
import { Badge } from "@tessera/ui/badge";
import { Button } from "@tessera/ui/button";
import { ListPage } from "@tessera/ui/list-page";
import { RowActions } from "@tessera/ui/row-actions";
import { Table } from "@tessera/ui/table";
import { VisuallyHidden } from "@tessera/ui/visually-hidden";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { ErrorAlert } from "../../../components/error-alert";
import { trpc } from "../../../trpc";
import { hasTenantPermission, PERMISSIONS } from "../../auth/permissions";
import { useMe } from "../../profile/hooks/use-me";
import { useRoleLabel } from "../hooks/use-role-label";
import { useDeleteRole, usePermissionCatalogue, useRoles } from "../hooks/use-roles";
import { permissionsNotHeld, type Role, sortRoles } from "../role-form";
import { RoleEditorDialog } from "./role-editor-dialog";
import "../admin-roles.css";

type EditorState = { kind: "create" } | { kind: "existing"; roleId: string } | null;

/**
 * The roles page body: every role (built-in marked, custom editable by those who may), where it
 * is assigned, how many permissions it has and how often it is assigned; create, view/edit and
 * delete through dialogs. The API checks every change again (roles.manage, Z03).
 */
export function RolesOverview() {
	const { t, i18n } = useTranslation();
	const me = useMe();
	const utils = trpc.useUtils();
	const label = useRoleLabel();
	const roles = useRoles();
	const catalogue = usePermissionCatalogue();
	const remove = useDeleteRole();
	const [editor, setEditor] = useState<EditorState>(null);
	const [deleting, setDeleting] = useState<Role | null>(null);
	const [notice, setNotice] = useState<string | null>(null);
	// Defining roles needs roles.manage, and every permission the role holds, for the whole tenant.
	const canManage = hasTenantPermission(me, PERMISSIONS.rolesManage);

	const sorted = roles.data ? sortRoles(roles.data, i18n.resolvedLanguage ?? "en") : [];
	const editing = editor?.kind === "existing" ? (roles.data?.find((role) => role.id === editor.roleId) ?? null) : null;
	const target = editor?.kind === "create" ? editor : editing ? { kind: "existing" as const, role: editing } : null;
	const mayChange = (role: Role) =>
		canManage && !role.isBuiltin && permissionsNotHeld(role.permissions, me.tenantPermissions).length === 0;

	return (
		<>
			<ListPage
				title={t("adminRoles.title")}
				description={t("adminRoles.subtitle")}
				actions={
					canManage && (
						<Button
							onClick={() => {
								setNotice(null);
								setEditor({ kind: "create" });
							}}
						>
							{t("adminRoles.newRole")}
						</Button>
					)
				}
				notice={
					<>
						{!canManage && (
							<Alert tone="info">
								<p>{t("adminRoles.readOnlyNotice")}</p>
							</Alert>
						)}
						{notice && <Alert tone="success" title={notice} />}
						{/* The roles still list without the catalogue; only editing waits for it. */}
						{catalogue.error && <ErrorAlert error={catalogue.error} />}
					</>
				}
				isLoading={roles.isPending}
				loadingLabel={t("app.loading")}
				isBusy={catalogue.isPending && !roles.isPending}
				busyLabel={t("app.loading")}
				error={roles.error && <ErrorAlert error={roles.error} />}
				isEmpty={sorted.length === 0}
				empty={<p className="portal-muted">{t("adminRoles.empty")}</p>}
			>
				<Table caption={t("adminRoles.tableCaption")}>
					<thead>
						<tr>
							<th scope="col">{t("adminRoles.columns.name")}</th>
							<th scope="col">{t("adminRoles.columns.context")}</th>
							<th scope="col">{t("adminRoles.columns.permissions")}</th>
							<th scope="col">{t("adminRoles.columns.assignments")}</th>
							<th scope="col">
								<VisuallyHidden>{t("common.actions")}</VisuallyHidden>
							</th>
						</tr>
					</thead>
					<tbody>
						{sorted.map((role) => {
							const { name, description } = label(role);
							const isEditable = mayChange(role);
							return (
								<tr key={role.id}>
									<th scope="row">
										<span className="portal-inline">
											<span>{name}</span>
											<Badge tone={role.isBuiltin ? "info" : "neutral"}>
												{role.isBuiltin ? t("adminRoles.builtin") : t("adminRoles.custom")}
											</Badge>
										</span>
										<code className="admin-roles-key">{role.key}</code>
										{description && <span className="portal-muted admin-roles-description">{description}</span>}
									</th>
									<td>{t(`adminRoles.contextTypes.${role.contextType}`)}</td>
									<td className="portal-nowrap">
										{t("adminRoles.permissionCount", { count: role.permissions.length })}
									</td>
									<td>{role.assignmentCount}</td>
									<td>
										<RowActions>
											<Button
												variant="ghost"
												size="sm"
												aria-label={
													isEditable ? t("adminRoles.editNamed", { name }) : t("adminRoles.viewNamed", { name })
												}
												disabled={!catalogue.data}
												onClick={() => {
													setNotice(null);
													setEditor({ kind: "existing", roleId: role.id });
												}}
											>
												{isEditable ? t("adminRoles.edit") : t("adminRoles.view")}
											</Button>
											{isEditable && (
												<Button
													variant="ghost"
													size="sm"
													aria-label={t("adminRoles.removeNamed", { name })}
													onClick={() => {
														setNotice(null);
														remove.reset();
														setDeleting(role);
													}}
												>
													{t("adminRoles.remove")}
												</Button>
											)}
										</RowActions>
									</td>
								</tr>
							);
						})}
					</tbody>
				</Table>
			</ListPage>

			{catalogue.data && (
				<RoleEditorDialog
					target={target}
					catalogue={catalogue.data}
					onClose={() => setEditor(null)}
					onSaved={(role, kind) => {
						setEditor(null);
						setNotice(
							kind === "created"
								? t("adminRoles.created", { name: role.name })
								: t("adminRoles.saved", { name: role.name }),
						);
					}}
					onReload={async (roleId) => {
						// staleTime 0: always ask the server, and share the answer with the page's list.
						const roles = await utils.roles.list.fetch(undefined, { staleTime: 0 });
						return roles.find((role) => role.id === roleId);
					}}
				/>
			)}

			<ConfirmDialog
				open={deleting !== null}
				title={t("adminRoles.deleteDialog.title", { name: deleting?.name ?? "" })}
				description={
					deleting && deleting.assignmentCount > 0
						? t("adminRoles.deleteDialog.assigned", { count: deleting.assignmentCount })
						: t("adminRoles.deleteDialog.unassigned")
				}
				confirmLabel={t("adminRoles.deleteDialog.confirm")}
				tone="danger"
				isPending={remove.isPending}
				error={remove.error}
				onCancel={() => setDeleting(null)}
				onConfirm={() => {
					if (deleting) {
						const name = deleting.name;
						// The dialog said the assignments go with the role; `force` removes them in the same step.
						remove.mutate(
							{ roleId: deleting.id, force: deleting.assignmentCount > 0 },
							{
								onSuccess: () => {
									setDeleting(null);
									setNotice(t("adminRoles.deleted", { name }));
								},
							},
						);
					}
				}}
			/>
		</>
	);
}
