import { ZCreateApplicationUserInput } from "@tessera/core/apikeys/apikey.schema";
import { Button } from "@tessera/ui/button";
import { CheckboxField } from "@tessera/ui/checkbox-field";
import { Dialog } from "@tessera/ui/dialog";
import { SelectField } from "@tessera/ui/select-field";
import { TextField } from "@tessera/ui/text-field";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { accountTreeOptions } from "../../../lib/account-tree";
import { hasDomainCode } from "../../../lib/errors";
import { maxLengthOf, useSchemaForm } from "../../../lib/use-schema-form";
import { useRoleLabel } from "../../admin-roles/hooks/use-role-label";
import { useRoles } from "../../admin-roles/hooks/use-roles";
import { hasPermission, PERMISSIONS } from "../../auth/permissions";
import { useMe } from "../../profile/hooks/use-me";
import { type ApplicationUser, buildCreateApplicationUserInput, grantableRoles } from "../application-form";
import { useApplicationContexts, useApplicationGrantable, useCreateApplicationUser } from "../hooks/use-applications";
import "../admin-applications.css";

/**
 * Creates an application user with a name, an optional username, an optional primary account
 * (among those where the admin holds apikeys.manage) and roles: organisation roles, and account
 * roles in the primary account.
 */
export function CreateApplicationDialog({
	open,
	onClose,
	onCreated,
}: {
	open: boolean;
	onClose: () => void;
	onCreated: (user: ApplicationUser) => void;
}) {
	const { t } = useTranslation();
	return (
		<Dialog
			open={open}
			onClose={onClose}
			title={t("adminApplications.create.title")}
			description={t("adminApplications.create.description")}
		>
			{open && <CreateApplicationForm onClose={onClose} onCreated={onCreated} />}
		</Dialog>
	);
}

function CreateApplicationForm({
	onClose,
	onCreated,
}: {
	onClose: () => void;
	onCreated: (user: ApplicationUser) => void;
}) {
	const { t } = useTranslation();
	const me = useMe();
	const label = useRoleLabel();
	const canReadRoles = hasPermission(me, PERMISSIONS.rolesRead);
	const roles = useRoles({ enabled: canReadRoles });
	const grantable = useApplicationGrantable(canReadRoles);
	const contexts = useApplicationContexts();
	const create = useCreateApplicationUser();
	const accounts = contexts.data?.accounts ?? [];
	const mayCreateWithoutAccount = contexts.data ? contexts.data.tenant !== null : true;
	const accountOptions = [
		...(mayCreateWithoutAccount ? [{ value: "", label: t("adminApplications.create.noPrimaryAccount") }] : []),
		...accountTreeOptions(accounts),
	];
	// Until one is chosen: "" (none) where the admin may create organisation-wide, else the first account.
	const primaryAccountOf = (chosen: string | null) =>
		chosen ?? (mayCreateWithoutAccount ? "" : (accounts[0]?.id ?? ""));
	const offeredIn = (primaryAccountId: string) =>
		roles.data && grantable.data ? grantableRoles(roles.data, grantable.data, primaryAccountId || null) : [];

	const form = useSchemaForm({
		initial: { name: "", username: "", chosenAccount: null as string | null, roleKeys: [] as string[] },
		schema: ZCreateApplicationUserInput,
		toInput: ({ chosenAccount, ...current }) => {
			const primaryAccountId = primaryAccountOf(chosenAccount);
			return buildCreateApplicationUserInput({ ...current, primaryAccountId }, offeredIn(primaryAccountId));
		},
		customMessages: { name: t("validation.controlCharacters") },
	});
	const { values } = form;
	const primaryAccountId = primaryAccountOf(values.chosenAccount);
	const accountName = accounts.find((account) => account.id === primaryAccountId)?.name;
	const offered = offeredIn(primaryAccountId);

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		const input = form.validate();
		if (input) {
			create.mutate(input, { onSuccess: onCreated });
		}
	};

	const usernameTaken = hasDomainCode(create.error, "APIKEY.USERNAME_TAKEN");

	return (
		<form className="portal-stack" onSubmit={handleSubmit} noValidate>
			<TextField
				label={t("adminApplications.create.name")}
				name="application-name"
				autoComplete="off"
				required
				autoFocus
				maxLength={maxLengthOf(ZCreateApplicationUserInput.shape.name)}
				value={values.name}
				onChange={(event) => form.setValue("name", event.target.value)}
				hint={t("adminApplications.create.nameHint")}
				error={form.errors.name}
			/>
			<TextField
				label={t("adminApplications.create.username")}
				name="application-username"
				autoComplete="off"
				autoCapitalize="none"
				spellCheck={false}
				maxLength={maxLengthOf(ZCreateApplicationUserInput.shape.username)}
				value={values.username}
				onChange={(event) => form.setValue("username", event.target.value)}
				hint={t("adminApplications.create.usernameHint")}
				error={usernameTaken ? t("errors.domain.applicationUsernameTaken") : form.errors.username}
			/>
			{contexts.error && <ErrorAlert error={contexts.error} title={t("adminApplications.create.accountsFailed")} />}
			{accounts.length > 0 && (
				<SelectField
					label={t("adminApplications.create.primaryAccount")}
					name="primaryAccountId"
					hint={t("adminApplications.create.primaryAccountHint")}
					options={accountOptions}
					value={primaryAccountId}
					onChange={(event) => form.setValue("chosenAccount", event.target.value)}
				/>
			)}
			{canReadRoles ? (
				<fieldset className="admin-applications-roles">
					<legend>{t("adminApplications.create.roles")}</legend>
					<p className="portal-flush portal-muted">{t("adminApplications.create.rolesHint")}</p>
					{roles.error && <ErrorAlert error={roles.error} />}
					{offered.map(({ role, block }) => (
						<CheckboxField
							key={role.id}
							name="roleKeys"
							value={role.key}
							label={
								role.contextType === "account" && accountName
									? t("adminApplications.create.accountRole", { role: label(role).name, account: accountName })
									: label(role).name
							}
							hint={
								block === "noRolesManage"
									? t("adminApplications.create.noRolesManage")
									: block === "notHeld"
										? t("adminApplications.create.roleNotHeld")
										: block === "needsAccount"
											? t("adminApplications.create.needsAccount")
											: label(role).description || undefined
							}
							disabled={block !== null}
							checked={block === null && values.roleKeys.includes(role.key)}
							onChange={(event) =>
								form.setValue(
									"roleKeys",
									event.target.checked
										? [...values.roleKeys, role.key]
										: values.roleKeys.filter((key) => key !== role.key),
								)
							}
						/>
					))}
				</fieldset>
			) : (
				<p className="portal-flush portal-muted">{t("adminApplications.create.rolesUnavailable")}</p>
			)}
			{create.error && !usernameTaken && <ErrorAlert error={create.error} />}
			<div className="portal-form-actions">
				<Button variant="secondary" onClick={onClose}>
					{t("common.cancel")}
				</Button>
				<Button type="submit" loading={create.isPending}>
					{t("adminApplications.create.submit")}
				</Button>
			</div>
		</form>
	);
}
