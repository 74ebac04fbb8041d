import type { Permission } from "@tessera/core/roles/permissions";
import { CheckboxField } from "@tessera/ui/checkbox-field";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { groupPermissions } from "../role-form";
import "../admin-roles.css";

export interface PermissionChecklistProps {
	catalogue: readonly { key: Permission }[];
	selected: readonly Permission[];
	/** What the viewer holds: anything else cannot be granted, so its box is disabled. */
	held: readonly string[];
	/** Read-only (a built-in role, or a viewer who may not edit): every box disabled. */
	readOnly: boolean;
	onChange: (permissions: Permission[]) => void;
}

/**
 * The permission catalogue as checkboxes, one fieldset per area, each permission labelled with
 * its translated description; the keys (what the API and audit log say) only under "Technical
 * details". A permission the viewer does not hold is disabled and says why (the API would refuse
 * it anyway, SECURITY Z03).
 */
export function PermissionChecklist({ catalogue, selected, held, readOnly, onChange }: PermissionChecklistProps) {
	const { t } = useTranslation();
	const headingId = useId();
	const groups = groupPermissions(catalogue);

	const toggle = (permission: Permission, checked: boolean) => {
		const next = checked ? [...selected, permission] : selected.filter((item) => item !== permission);
		// Keep catalogue order, so the saved set and the audit log read the same way each time.
		onChange(catalogue.map((item) => item.key).filter((key) => next.includes(key)));
	};

	return (
		<section className="portal-stack portal-stack--sm" aria-labelledby={headingId}>
			<div className="admin-roles-checklist-header">
				<h3 id={headingId}>{t("adminRoles.editor.permissions")}</h3>
				<span className="portal-muted portal-flush">
					{t("adminRoles.editor.selectedCount", { count: selected.length, total: catalogue.length })}
				</span>
			</div>
			<div className="admin-roles-groups">
				{groups.map((group) => (
					<fieldset key={group.area} className="admin-roles-group">
						<legend>{t(`adminRoles.permissionGroups.${group.area}`)}</legend>
						{group.permissions.map((permission) => {
							const isHeld = held.includes(permission);
							return (
								<CheckboxField
									key={permission}
									name="permissions"
									value={permission}
									label={t(`adminRoles.permissionDescriptions.${permission}`)}
									hint={!readOnly && !isHeld ? t("adminRoles.editor.notHeld") : undefined}
									checked={selected.includes(permission)}
									disabled={readOnly || !isHeld}
									onChange={(event) => toggle(permission, event.target.checked)}
								/>
							);
						})}
					</fieldset>
				))}
			</div>
			{/* The names API callers and the audit log use, for whoever scripts against them. */}
			<details className="admin-roles-technical">
				<summary>{t("adminRoles.editor.technicalDetails")}</summary>
				<dl className="admin-roles-technical__list">
					{catalogue.map((item) => (
						<div key={item.key}>
							<dt>{t(`adminRoles.permissionDescriptions.${item.key}`)}</dt>
							<dd>
								<code className="admin-roles-permission-key">{item.key}</code>
							</dd>
						</div>
					))}
				</dl>
			</details>
		</section>
	);
}
