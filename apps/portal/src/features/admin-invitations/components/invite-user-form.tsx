import { ZCreateInvitationInput } from "@tessera/core/invitations/invitation.schema";
import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { CheckboxField } from "@tessera/ui/checkbox-field";
import { SelectField } from "@tessera/ui/select-field";
import { TextField } from "@tessera/ui/text-field";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { ServerFieldError } from "../../../components/server-field-error";
import { isSupportedLanguage, SUPPORTED_LANGUAGES } from "../../../i18n/languages";
import { hasDomainCode, readApiError } from "../../../lib/errors";
import { useSchemaForm } from "../../../lib/use-schema-form";
import type { Me } from "../../profile/hooks/use-me";
import type { RoleChoice } from "../grantable-roles";
import { useCreateInvitation } from "../hooks/use-invitations";
import { useInviteChoices } from "../hooks/use-invite-choices";
import type { InvitationView } from "../invitation-status";
import {
	buildCreateInvitationInput,
	EMPTY_INVITE_FORM,
	groupInviteFieldErrors,
	type InviteField,
	type InviteFormValues,
} from "../invite-form-values";

export interface InviteUserFormProps {
	me: Me;
	onInvited: (invitation: InvitationView) => void;
	onCancel: () => void;
}

/**
 * Email, names, the language of the email, and optionally a primary account and one role to
 * give on acceptance. The values are checked with the procedure's own schema
 * (`ZCreateInvitationInput`) before they are sent; the server checks everything again. Either's
 * messages appear beside the field they are about, and the typed values stay in place.
 */
export function InviteUserForm({ me, onInvited, onCancel }: InviteUserFormProps) {
	const { t } = useTranslation();
	const create = useCreateInvitation();
	const options = useInviteChoices(me);
	const form = useSchemaForm({
		initial: EMPTY_INVITE_FORM,
		schema: ZCreateInvitationInput,
		toInput: (current: InviteFormValues) => buildCreateInvitationInput(current, options.choices.roles),
		customMessages: {
			firstName: t("validation.controlCharacters"),
			lastName: t("validation.controlCharacters"),
			language: t("adminInvitations.fieldErrors.language"),
			role: t("adminInvitations.fieldErrors.role"),
		},
	});
	const { values, setValue } = form;
	const [failedChecks, setFailedChecks] = useState(0);
	const formRef = useRef<HTMLFormElement>(null);

	const info = create.error ? readApiError(create.error) : null;
	const { byField, other } = groupInviteFieldErrors(info?.fieldIssues ?? {});
	const isEmailTaken = create.error !== null && hasDomainCode(create.error, "USER.EMAIL_TAKEN");
	const isRoleRefused = create.error !== null && hasDomainCode(create.error, "INVITATION.ROLE_EXCEEDS_INVITER");
	const hasFieldErrors = Object.keys(form.errors).length > 0 || Object.keys(byField).length > 0 || other.length > 0;

	// Move keyboard focus to the first field the schema or the server refused.
	useEffect(() => {
		if (create.error || failedChecks > 0) {
			formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
		}
	}, [create.error, failedChecks]);

	const errorFor = (field: InviteField): ReactNode => {
		const problem = form.errors[field];
		if (problem) {
			return problem;
		}
		const issues = byField[field];
		if (!issues) {
			return undefined;
		}
		return <ServerFieldError message={t(`adminInvitations.fieldErrors.${field}`)} issues={issues} />;
	};

	const roleLabel = (choice: RoleChoice) =>
		t("adminInvitations.form.roleInContext", {
			role: choice.roleName,
			place: choice.contextLabel,
		});
	const chosenRole = options.choices.roles.find((choice) => choice.value === values.role);

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		const input = form.validate();
		if (!input) {
			// What the server said about an earlier attempt no longer describes these values.
			create.reset();
			setFailedChecks((count) => count + 1);
			return;
		}
		create.mutate(input, { onSuccess: onInvited });
	};

	return (
		<form ref={formRef} className="portal-stack" onSubmit={handleSubmit} noValidate>
			{hasFieldErrors ? (
				<Alert tone="error" title={t("adminInvitations.form.validationTitle")}>
					{other.length > 0 && (
						<ul className="portal-list">
							{other.map(([field, issues]) => (
								<li key={field}>
									<ServerFieldError message={t("fieldErrors.other")} issues={issues} />
								</li>
							))}
						</ul>
					)}
				</Alert>
			) : (
				create.error && <ErrorAlert error={create.error} title={t("adminInvitations.form.failedTitle")} />
			)}
			<TextField
				label={t("adminInvitations.form.email")}
				name="email"
				type="email"
				autoComplete="off"
				autoCapitalize="none"
				spellCheck={false}
				required
				value={values.email}
				onChange={(event) => setValue("email", event.target.value)}
				error={isEmailTaken ? t("adminInvitations.fieldErrors.emailTaken") : errorFor("email")}
			/>
			<div className="portal-form-grid">
				<TextField
					label={t("adminInvitations.form.firstName")}
					name="firstName"
					autoComplete="off"
					hint={t("adminInvitations.form.optional")}
					value={values.firstName}
					onChange={(event) => setValue("firstName", event.target.value)}
					error={errorFor("firstName")}
				/>
				<TextField
					label={t("adminInvitations.form.lastName")}
					name="lastName"
					autoComplete="off"
					hint={t("adminInvitations.form.optional")}
					value={values.lastName}
					onChange={(event) => setValue("lastName", event.target.value)}
					error={errorFor("lastName")}
				/>
			</div>
			<SelectField
				label={t("adminInvitations.form.language")}
				name="language"
				hint={t("adminInvitations.form.languageHint")}
				options={[
					{ value: "", label: t("adminInvitations.form.languageDefault") },
					...SUPPORTED_LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) })),
				]}
				value={values.language}
				onChange={(event) => {
					const language = event.target.value;
					setValue("language", isSupportedLanguage(language) ? language : "");
				}}
				error={errorFor("language")}
			/>
			{options.error && <ErrorAlert error={options.error} title={t("adminInvitations.form.choicesFailed")} />}
			{options.choices.accounts.length > 0 && (
				<SelectField
					label={t("adminInvitations.form.primaryAccount")}
					name="primaryAccountId"
					hint={t("adminInvitations.form.primaryAccountHint")}
					options={[{ value: "", label: t("adminInvitations.form.noPrimaryAccount") }, ...options.choices.accounts]}
					value={values.primaryAccountId}
					onChange={(event) => setValue("primaryAccountId", event.target.value)}
					error={errorFor("primaryAccountId")}
				/>
			)}
			{options.canChooseRoles && (
				<>
					{!options.error && (
						<SelectField
							label={t("adminInvitations.form.role")}
							name="role"
							hint={t("adminInvitations.form.roleHint")}
							disabled={options.isPending}
							options={
								options.isPending
									? [{ value: "", label: t("app.loading") }]
									: [
											{ value: "", label: t("adminInvitations.form.noRole") },
											...options.choices.roles.map((choice) => ({ value: choice.value, label: roleLabel(choice) })),
										]
							}
							value={values.role}
							onChange={(event) => setValue("role", event.target.value)}
							error={isRoleRefused ? t("adminInvitations.fieldErrors.roleExceeds") : errorFor("role")}
						/>
					)}
					{chosenRole?.contextType === "account" && (
						<CheckboxField
							label={t("adminInvitations.form.appliesToSubAccounts")}
							name="appliesToSubAccounts"
							checked={values.appliesToSubAccounts}
							onChange={(event) => setValue("appliesToSubAccounts", event.target.checked)}
						/>
					)}
				</>
			)}
			<div className="portal-form-actions">
				<Button variant="secondary" onClick={onCancel}>
					{t("common.cancel")}
				</Button>
				<Button type="submit" loading={create.isPending}>
					{t("adminInvitations.form.submit")}
				</Button>
			</div>
		</form>
	);
}
