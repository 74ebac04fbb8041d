import { Button } from "@tessera/ui/button";
import { CheckboxField } from "@tessera/ui/checkbox-field";
import { Dialog } from "@tessera/ui/dialog";
import { TextField } from "@tessera/ui/text-field";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { hasDomainCode } from "../../../lib/errors";
import { useRoleLabel } from "../../admin-roles/hooks/use-role-label";
import { useRoles } from "../../admin-roles/hooks/use-roles";
import { hasPermission, PERMISSIONS } from "../../auth/permissions";
import { useMe } from "../../profile/hooks/use-me";
import { type ApplicationUser, checkApplicationForm, grantableRoles } from "../application-form";
import { useCreateApplicationUser } from "../hooks/use-applications";
import "../admin-applications.css";

/** Creates an application user with a name, an optional username and organisation-wide roles. */
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
	const create = useCreateApplicationUser();
	const [name, setName] = useState("");
	const [username, setUsername] = useState("");
	const [roleKeys, setRoleKeys] = useState<string[]>([]);
	const [problems, setProblems] = useState<ReturnType<typeof checkApplicationForm>>({});
	const offered = roles.data ? grantableRoles(roles.data, me.permissions) : [];

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		const found = checkApplicationForm({ name, username });
		setProblems(found);
		if (found.name || found.username) {
			return;
		}
		create.mutate(
			{ name: name.trim(), ...(username.trim() ? { username: username.trim() } : {}), roleKeys },
			{ onSuccess: onCreated },
		);
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
				maxLength={400}
				value={name}
				onChange={(event) => setName(event.target.value)}
				hint={t("adminApplications.create.nameHint")}
				error={problems.name ? t(`adminApplications.create.errors.${problems.name}`) : undefined}
			/>
			<TextField
				label={t("adminApplications.create.username")}
				name="application-username"
				autoComplete="off"
				autoCapitalize="none"
				spellCheck={false}
				maxLength={64}
				value={username}
				onChange={(event) => setUsername(event.target.value)}
				hint={t("adminApplications.create.usernameHint")}
				error={
					usernameTaken
						? t("errors.domain.applicationUsernameTaken")
						: problems.username
							? t(`adminApplications.create.errors.${problems.username}`)
							: undefined
				}
			/>
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
							label={label(role).name}
							hint={
								block === "noRolesManage"
									? t("adminApplications.create.noRolesManage")
									: block === "notHeld"
										? t("adminApplications.create.roleNotHeld")
										: label(role).description || undefined
							}
							disabled={block !== null}
							checked={roleKeys.includes(role.key)}
							onChange={(event) => {
								const { checked } = event.target;
								setRoleKeys((current) =>
									checked ? [...current, role.key] : current.filter((key) => key !== role.key),
								);
							}}
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
