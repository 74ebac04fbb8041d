import { ZAdminUpdateUserInput } from "@tessera/core/users/user-admin.schema";
import { Alert } from "@tessera/ui/alert";
import { Badge } from "@tessera/ui/badge";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { DescriptionList } from "@tessera/ui/description-list";
import { SelectField } from "@tessera/ui/select-field";
import { TextField } from "@tessera/ui/text-field";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { ServerFieldError } from "../../../components/server-field-error";
import { isSupportedLanguage, SUPPORTED_LANGUAGES } from "../../../i18n/languages";
import { accountTreeOptions } from "../../../lib/account-tree";
import { getErrorMessage, hasDomainCode, readApiError } from "../../../lib/errors";
import { useDateFormat } from "../../../lib/use-date-format";
import { useSchemaForm } from "../../../lib/use-schema-form";
import { trpc } from "../../../trpc";
import { TimeZoneField } from "../../date-time/components/time-zone-field";
import {
	type DetailUser,
	type UserDetail,
	type UserMutations,
	usePrimaryAccountChoices,
} from "../hooks/use-user-detail";
import {
	type AdminProfileField,
	type AdminProfileValues,
	buildAdminUserUpdate,
	isAdminProfileField,
	userToProfileValues,
} from "../user-detail-logic";

/**
 * Edits a user's profile fields as an administrator. Like the own-profile form, it keeps what
 * the admin typed until they save or explicitly reload: a background refetch never overwrites
 * the input, and a save always names the version the form was loaded from, so a change made
 * elsewhere in between is reported as a conflict instead of being overwritten. Values are
 * checked with the procedure's own schema (`ZAdminUpdateUserInput`) before they are sent.
 */
export function AdminProfileForm({
	user,
	primaryAccount,
	canEdit,
	update,
	timeZone,
}: {
	user: DetailUser;
	/** The user's primary account as the page loaded it, to name it when the admin's list lacks it. */
	primaryAccount: UserDetail["primaryAccount"];
	canEdit: boolean;
	update: UserMutations["update"];
	timeZone: string | null;
}) {
	const { t } = useTranslation();
	const accountChoices = usePrimaryAccountChoices(canEdit);
	const utils = trpc.useUtils();
	const format = useDateFormat(timeZone);
	/** The user the form was loaded from: its version is what a save names. */
	const [base, setBase] = useState(user);
	const form = useSchemaForm({
		initial: () => userToProfileValues(user),
		schema: ZAdminUpdateUserInput,
		// Unchanged values send only the version; saving them is answered with "no changes" below.
		toInput: (values: AdminProfileValues) =>
			buildAdminUserUpdate(base, values) ?? { userId: base.id, version: base.version },
		customMessages: {
			firstName: t("fieldErrors.firstName"),
			lastName: t("fieldErrors.lastName"),
			language: t("fieldErrors.language"),
			timeZone: t("fieldErrors.timeZone"),
		},
	});
	const [noChanges, setNoChanges] = useState(false);
	const [failedSubmits, setFailedSubmits] = useState(0);
	const [isReloading, setIsReloading] = useState(false);
	const [reloadError, setReloadError] = useState<unknown>(null);
	const formRef = useRef<HTMLFormElement>(null);

	const fieldIssues = update.error ? readApiError(update.error).fieldIssues : {};
	const hasServerFieldErrors = Object.keys(fieldIssues).length > 0;
	const hasFieldErrors = hasServerFieldErrors || Object.keys(form.errors).length > 0;
	const isConflict = update.error !== null && hasDomainCode(update.error, "USER.VERSION_CONFLICT");

	useEffect(() => {
		if (hasServerFieldErrors) {
			formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
		}
	}, [hasServerFieldErrors]);
	// The same after a submit the schema stopped; only then, never while the admin types.
	useEffect(() => {
		if (failedSubmits > 0) {
			formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
		}
	}, [failedSubmits]);

	const languages: string[] = [...SUPPORTED_LANGUAGES];
	if (base.language && !languages.includes(base.language)) {
		languages.push(base.language);
	}
	const notSet = { value: "", label: t("adminUser.profile.notSet") };

	// Accounts where the admin may manage users (the API checks users.write on both sides of a
	// move). No account at all means organisation-wide, which only an organisation-wide admin may set.
	const accountOptions = accountTreeOptions(accountChoices.data?.accounts ?? []);
	for (const id of new Set([base.primaryAccountId, form.values.primaryAccountId])) {
		if (id && !accountOptions.some((option) => option.value === id)) {
			accountOptions.push({
				value: id,
				label:
					id === primaryAccount?.id
						? primaryAccount.name
						: accountChoices.isPending
							? t("app.loading")
							: t("adminUser.profile.unknownAccount"),
			});
		}
	}
	const mayRemoveAccount = !accountChoices.data || accountChoices.data.tenant !== null;
	const noAccountOption = {
		value: "",
		label: t("adminUser.profile.noPrimaryAccount"),
		disabled: !mayRemoveAccount && base.primaryAccountId !== null,
	};

	const load = (loaded: DetailUser) => {
		setBase(loaded);
		form.reset(userToProfileValues(loaded));
	};

	const setValue = (field: AdminProfileField, value: string) => {
		form.setValue(field, value);
		setNoChanges(false);
		if (update.isSuccess) {
			update.reset();
		}
	};

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		setReloadError(null);
		if (!buildAdminUserUpdate(base, form.values)) {
			update.reset();
			setNoChanges(true);
			return;
		}
		const input = form.validate();
		if (!input) {
			update.reset();
			setFailedSubmits((count) => count + 1);
			return;
		}
		update.mutate(input, { onSuccess: load });
	};

	const handleReload = async () => {
		setReloadError(null);
		setIsReloading(true);
		try {
			const latest = await utils.users.detail.fetch({ userId: base.id }, { staleTime: 0 });
			load(latest.user);
			update.reset();
		} catch (error) {
			setReloadError(error);
		} finally {
			setIsReloading(false);
		}
	};

	const errorFor = (field: AdminProfileField): ReactNode => {
		const issues = fieldIssues[field];
		return issues ? <ServerFieldError message={t(`fieldErrors.${field}`)} issues={issues} /> : form.errors[field];
	};
	const otherFieldIssues = Object.entries(fieldIssues).filter(([field]) => !isAdminProfileField(field));

	let feedback: ReactNode = null;
	if (isConflict) {
		feedback = (
			<Alert
				tone="warning"
				title={t("adminUser.profile.conflictTitle")}
				action={
					<Button variant="secondary" size="sm" loading={isReloading} onClick={() => void handleReload()}>
						{t("adminUser.profile.reloadLatest")}
					</Button>
				}
			>
				<p>{t("adminUser.profile.conflictBody")}</p>
				{reloadError !== null && <p>{getErrorMessage(reloadError, t)}</p>}
			</Alert>
		);
	} else if (hasFieldErrors) {
		feedback = (
			<Alert tone="error" title={t("adminUser.profile.validationTitle")}>
				{otherFieldIssues.length > 0 && (
					<ul>
						{otherFieldIssues.map(([field, issues]) => (
							<li key={field}>
								<ServerFieldError message={t("fieldErrors.other")} issues={issues} />
							</li>
						))}
					</ul>
				)}
			</Alert>
		);
	} else if (update.error) {
		feedback = <ErrorAlert error={update.error} title={t("adminUser.profile.saveFailedTitle")} />;
	} else if (update.isSuccess) {
		feedback = <Alert tone="success" title={t("adminUser.profile.saved")} />;
	} else if (noChanges) {
		feedback = <Alert tone="info" title={t("adminUser.profile.noChanges")} />;
	}

	const contact = (
		<DescriptionList
			items={[
				{
					id: "email",
					term: t("adminUser.profile.email"),
					description: user.email ? (
						<span className="portal-inline">
							<span>{user.email}</span>
							<Badge tone={user.emailVerified ? "success" : "warning"}>
								{user.emailVerified ? t("adminUser.profile.verified") : t("adminUser.profile.notVerified")}
							</Badge>
						</span>
					) : (
						t("adminUser.profile.notSet")
					),
				},
				{
					id: "phone",
					term: t("adminUser.profile.phone"),
					description: user.phone ? (
						<span className="portal-inline">
							<span>{user.phone}</span>
							<Badge tone={user.phoneVerified ? "success" : "warning"}>
								{user.phoneVerified ? t("adminUser.profile.verified") : t("adminUser.profile.notVerified")}
							</Badge>
						</span>
					) : (
						t("adminUser.profile.notSet")
					),
				},
				{ id: "created", term: t("adminUser.profile.created"), description: format.dateTime(user.createdAt) },
				{
					id: "lastSignIn",
					term: t("adminUser.profile.lastSignIn"),
					description: user.lastSignInAt ? format.dateTime(user.lastSignInAt) : t("adminUser.profile.never"),
				},
			]}
		/>
	);

	if (!canEdit) {
		const shown = userToProfileValues(user);
		return (
			<Card title={t("adminUser.profile.title")} description={t("adminUser.profile.readOnly")}>
				<div className="portal-stack">
					<DescriptionList
						items={[
							{ id: "firstName", term: t("adminUser.profile.firstName"), description: shown.firstName || "—" },
							{ id: "lastName", term: t("adminUser.profile.lastName"), description: shown.lastName || "—" },
							{ id: "username", term: t("adminUser.profile.username"), description: shown.username || "—" },
							{ id: "language", term: t("adminUser.profile.language"), description: shown.language || "—" },
							{ id: "timeZone", term: t("adminUser.profile.timeZone"), description: shown.timeZone || "—" },
						]}
					/>
					{contact}
				</div>
			</Card>
		);
	}

	return (
		<Card title={t("adminUser.profile.title")} description={t("adminUser.profile.description")}>
			<form ref={formRef} className="portal-stack" onSubmit={handleSubmit} noValidate>
				{feedback}
				<div className="portal-form-grid">
					<TextField
						label={t("adminUser.profile.firstName")}
						name="firstName"
						autoComplete="off"
						value={form.values.firstName}
						onChange={(event) => setValue("firstName", event.target.value)}
						error={errorFor("firstName")}
					/>
					<TextField
						label={t("adminUser.profile.lastName")}
						name="lastName"
						autoComplete="off"
						value={form.values.lastName}
						onChange={(event) => setValue("lastName", event.target.value)}
						error={errorFor("lastName")}
					/>
					<TextField
						label={t("adminUser.profile.username")}
						name="username"
						autoComplete="off"
						autoCapitalize="none"
						spellCheck={false}
						value={form.values.username}
						onChange={(event) => setValue("username", event.target.value)}
						error={errorFor("username")}
					/>
					<SelectField
						label={t("adminUser.profile.language")}
						name="language"
						options={[
							notSet,
							...languages.map((language) => ({
								value: language,
								label: isSupportedLanguage(language) ? t(`language.${language}`) : language,
							})),
						]}
						value={form.values.language}
						onChange={(event) => setValue("language", event.target.value)}
						error={errorFor("language")}
					/>
					<TimeZoneField
						label={t("adminUser.profile.timeZone")}
						name="timeZone"
						unsetLabel={notSet.label}
						value={form.values.timeZone}
						onChange={(zone) => setValue("timeZone", zone)}
						error={errorFor("timeZone")}
					/>
					<SelectField
						label={t("adminUser.profile.primaryAccount")}
						name="primaryAccountId"
						hint={
							accountChoices.error
								? t("adminUser.profile.accountsFailed")
								: noAccountOption.disabled
									? t("adminUser.profile.primaryAccountHintNoRemove")
									: t("adminUser.profile.primaryAccountHint")
						}
						options={[noAccountOption, ...accountOptions]}
						value={form.values.primaryAccountId}
						onChange={(event) => setValue("primaryAccountId", event.target.value)}
						error={errorFor("primaryAccountId")}
					/>
				</div>
				<div className="portal-form-actions portal-form-actions--spread">
					<span className="portal-muted">{t("adminUser.profile.version", { version: base.version })}</span>
					<Button type="submit" loading={update.isPending}>
						{t("adminUser.profile.save")}
					</Button>
				</div>
				<p className="portal-muted">{t("adminUser.profile.contactHint")}</p>
				{contact}
			</form>
		</Card>
	);
}
