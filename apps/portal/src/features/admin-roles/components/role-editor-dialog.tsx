import type { Permission } from "@tessera/core/roles/permissions";
import {
	ROLE_KEY_MAX_LENGTH,
	ZCreateRoleInput,
	ZRoleDescription,
	ZRoleName,
	ZUpdateRoleInput,
} from "@tessera/core/roles/role-admin.schema";
import { Alert } from "@tessera/ui/alert";
import { Badge } from "@tessera/ui/badge";
import { Button } from "@tessera/ui/button";
import { Dialog } from "@tessera/ui/dialog";
import { SelectField } from "@tessera/ui/select-field";
import { TextField } from "@tessera/ui/text-field";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { hasDomainCode } from "../../../lib/errors";
import { maxLengthOf, useSchemaForm } from "../../../lib/use-schema-form";
import { hasTenantPermission, PERMISSIONS } from "../../auth/permissions";
import { useMe } from "../../profile/hooks/use-me";
import { useRoleLabel } from "../hooks/use-role-label";
import { useCreateRole, useUpdateRole } from "../hooks/use-roles";
import {
	CONTEXT_TYPES,
	type ContextType,
	permissionsNotHeld,
	type Role,
	type RoleFormValues,
	roleInput,
	suggestRoleKey,
} from "../role-form";
import { PermissionChecklist } from "./permission-checklist";
import { RoleHolders } from "./role-holders";
import "../admin-roles.css";

/** What the dialog shows: a new role, or an existing one (edited when the viewer may). */
export type RoleEditorTarget = { kind: "create" } | { kind: "existing"; role: Role };

export interface RoleEditorDialogProps {
	target: RoleEditorTarget | null;
	catalogue: readonly { key: Permission }[];
	onClose: () => void;
	/** Called after a save with the saved role, so the page can confirm it. */
	onSaved: (role: Role, kind: "created" | "saved") => void;
	/** Loads the role again after a conflict; the dialog then edits the version it answers. */
	onReload: (roleId: string) => Promise<Role | undefined>;
}

/**
 * Create, edit or view a role, in one dialog: name, key, description, where it is assigned, and
 * its permissions; for an existing role also who holds it. Built-in roles, viewers without
 * roles.manage, and roles containing permissions the viewer lacks are shown read-only.
 */
export function RoleEditorDialog({ target, catalogue, onClose, onSaved, onReload }: RoleEditorDialogProps) {
	const { t } = useTranslation();
	const me = useMe();
	const label = useRoleLabel();
	// The version a reload after a conflict brought. The dialog edits exactly it, title and form
	// together, rather than waiting for the page's list to re-render with it.
	const [reloaded, setReloaded] = useState<Role | null>(null);
	const targetRole = target?.kind === "existing" ? target.role : null;
	const role = reloaded !== null && reloaded.id === targetRole?.id ? reloaded : targetRole;
	// Opened again later, the dialog starts from the page's copy, not from an old reload.
	const close = () => {
		setReloaded(null);
		onClose();
	};
	// Defining roles needs roles.manage, and every permission the role holds, for the whole tenant.
	const canManage = hasTenantPermission(me, PERMISSIONS.rolesManage);
	const isEditable =
		role === null ||
		(!role.isBuiltin && canManage && permissionsNotHeld(role.permissions, me.tenantPermissions).length === 0);
	const title =
		role === null
			? t("adminRoles.editor.createTitle")
			: isEditable
				? t("adminRoles.editor.editTitle", { name: label(role).name })
				: t("adminRoles.editor.viewTitle", { name: label(role).name });

	return (
		<Dialog
			open={target !== null}
			onClose={close}
			title={title}
			description={role === null ? t("adminRoles.editor.createDescription") : undefined}
			className="admin-roles-dialog"
		>
			{target && (
				<RoleEditor
					// A reload starts the form again from the version it brought.
					key={`${role?.id ?? "new"}-${role !== null && role === reloaded ? role.revision : "opened"}`}
					role={role}
					catalogue={catalogue}
					held={me.tenantPermissions}
					canManage={canManage}
					onClose={close}
					onSaved={(saved, kind) => {
						setReloaded(null);
						onSaved(saved, kind);
					}}
					onReload={async () => {
						if (!role) return;
						const latest = await onReload(role.id);
						if (latest) setReloaded(latest);
					}}
				/>
			)}
		</Dialog>
	);
}

function initialValues(role: Role | null): RoleFormValues {
	return role
		? {
				name: role.name,
				key: role.key,
				description: role.description,
				contextType: role.contextType,
				permissions: [...role.permissions],
			}
		: { name: "", key: "", description: "", contextType: "tenant", permissions: [] };
}

function RoleEditor({
	role,
	catalogue,
	held,
	canManage,
	onClose,
	onSaved,
	onReload,
}: {
	role: Role | null;
	catalogue: readonly { key: Permission }[];
	held: readonly string[];
	canManage: boolean;
	onClose: () => void;
	onSaved: RoleEditorDialogProps["onSaved"];
	onReload: () => Promise<void>;
}) {
	const { t } = useTranslation();
	const label = useRoleLabel();
	const create = useCreateRole();
	const update = useUpdateRole();
	// The revision this form started from: a save is refused if the role changed since (no silent overwrite).
	const [baseRevision] = useState(role?.revision ?? "");
	const form = useSchemaForm({
		initial: () => initialValues(role),
		schema: role ? ZUpdateRoleInput : ZCreateRoleInput,
		toInput: (current: RoleFormValues) => roleInput(current, role && { roleId: role.id, revision: baseRevision }),
		customMessages: {
			name: t("validation.controlCharacters"),
			description: t("validation.controlCharacters"),
		},
	});
	const { values } = form;
	const [isKeyEdited, setIsKeyEdited] = useState(false);
	const [isReloading, setIsReloading] = useState(false);
	const mutation = role ? update : create;

	const notHeldInRole = role ? permissionsNotHeld(role.permissions, held) : [];
	const readOnlyReason = !role
		? null
		: role.isBuiltin
			? "builtin"
			: !canManage
				? "noManage"
				: notHeldInRole.length > 0
					? "exceedsOwn"
					: null;
	const isReadOnly = readOnlyReason !== null;

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		if (isReadOnly) {
			return;
		}
		const input = form.validate();
		if (!input) {
			return;
		}
		if ("roleId" in input) {
			update.mutate(input, { onSuccess: (saved) => onSaved(saved, "saved") });
		} else {
			create.mutate(input, { onSuccess: (saved) => onSaved(saved, "created") });
		}
	};
	const keyTaken = hasDomainCode(mutation.error, "ROLE.KEY_TAKEN");
	const refusedNotHeld = hasDomainCode(mutation.error, "ROLE.GRANT_EXCEEDS_OWN")
		? permissionsNotHeld(values.permissions, held)
		: [];
	const isConflict = hasDomainCode(mutation.error, "ROLE.REVISION_CONFLICT");

	return (
		<form className="portal-stack" onSubmit={handleSubmit} noValidate>
			{role?.isBuiltin && (
				<p className="portal-flush">
					<Badge tone="info">{t("adminRoles.builtin")}</Badge>
				</p>
			)}
			{readOnlyReason === "builtin" && (
				<Alert tone="info">
					<p>{t("adminRoles.editor.builtinReadOnly")}</p>
				</Alert>
			)}
			{readOnlyReason === "noManage" && (
				<Alert tone="info">
					<p>{t("adminRoles.editor.noManage")}</p>
				</Alert>
			)}
			{readOnlyReason === "exceedsOwn" && (
				<Alert tone="warning">
					<p>{t("adminRoles.editor.exceedsOwn", { permissions: notHeldInRole.join(", ") })}</p>
				</Alert>
			)}

			{isReadOnly && role ? (
				<div className="portal-stack portal-stack--sm">
					<p className="portal-flush">
						<code className="admin-roles-key">{role.key}</code>
					</p>
					{label(role).description && <p className="portal-flush">{label(role).description}</p>}
					<p className="portal-flush">
						{t("adminRoles.editor.contextType")}: {t(`adminRoles.contextTypes.${role.contextType}`)}
					</p>
				</div>
			) : (
				<div className="portal-form-grid">
					<TextField
						label={t("adminRoles.editor.name")}
						name="role-name"
						autoComplete="off"
						required
						maxLength={maxLengthOf(ZRoleName)}
						value={values.name}
						onChange={(event) => {
							const name = event.target.value;
							form.setValue("name", name);
							// The key follows the name until the person types one of their own.
							if (!role && !isKeyEdited) {
								form.setValue("key", suggestRoleKey(name));
							}
						}}
						error={form.errors.name}
					/>
					<TextField
						label={t("adminRoles.editor.key")}
						name="role-key"
						autoComplete="off"
						autoCapitalize="none"
						spellCheck={false}
						required
						maxLength={ROLE_KEY_MAX_LENGTH}
						readOnly={role !== null}
						value={values.key}
						onChange={(event) => {
							setIsKeyEdited(true);
							form.setValue("key", event.target.value);
						}}
						hint={role ? t("adminRoles.editor.keyFixed") : t("adminRoles.editor.keyHint")}
						error={keyTaken ? t("errors.domain.roleKeyTaken") : form.errors.key}
					/>
					<TextField
						className="portal-full-width"
						label={t("adminRoles.editor.description")}
						name="role-description"
						autoComplete="off"
						maxLength={maxLengthOf(ZRoleDescription)}
						value={values.description}
						onChange={(event) => form.setValue("description", event.target.value)}
						hint={t("adminRoles.editor.descriptionHint")}
						error={form.errors.description}
					/>
					<SelectField
						className="portal-full-width"
						label={t("adminRoles.editor.contextType")}
						name="role-context-type"
						value={values.contextType}
						disabled={role !== null}
						onChange={(event) => {
							const contextType = CONTEXT_TYPES.find((type) => type === event.target.value);
							if (contextType) {
								form.setValue("contextType", contextType satisfies ContextType);
							}
						}}
						options={CONTEXT_TYPES.map((type) => ({ value: type, label: t(`adminRoles.contextTypes.${type}`) }))}
						hint={role ? undefined : t("adminRoles.editor.contextTypeHint")}
					/>
				</div>
			)}

			<PermissionChecklist
				catalogue={catalogue}
				selected={values.permissions}
				held={held}
				readOnly={isReadOnly}
				onChange={(permissions) => form.setValue("permissions", permissions)}
			/>

			{mutation.error && !keyTaken && (
				<div className="portal-stack portal-stack--sm">
					{refusedNotHeld.length > 0 ? (
						<Alert tone="error">
							<p>{t("adminRoles.editor.refusedNotHeld", { permissions: refusedNotHeld.join(", ") })}</p>
						</Alert>
					) : (
						<ErrorAlert error={mutation.error} />
					)}
					{isConflict && (
						<div>
							<Button
								variant="secondary"
								size="sm"
								loading={isReloading}
								onClick={() => {
									setIsReloading(true);
									void onReload().finally(() => setIsReloading(false));
								}}
							>
								{t("adminRoles.editor.reload")}
							</Button>
						</div>
					)}
				</div>
			)}

			{role && <RoleHolders role={role} />}

			<div className="portal-form-actions">
				<Button variant="secondary" onClick={onClose}>
					{isReadOnly ? t("adminRoles.editor.close") : t("common.cancel")}
				</Button>
				{!isReadOnly && (
					<Button type="submit" loading={mutation.isPending}>
						{role ? t("adminRoles.editor.save") : t("adminRoles.editor.create")}
					</Button>
				)}
			</div>
		</form>
	);
}
