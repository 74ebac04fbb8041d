import { ZUpdateProfileInput } from "@tessera/core/users/user.schema";
import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { SelectField } from "@tessera/ui/select-field";
import { TextField } from "@tessera/ui/text-field";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { ServerFieldError } from "../../../components/server-field-error";
import { currentLanguage } from "../../../i18n/i18n";
import { SUPPORTED_LANGUAGES } from "../../../i18n/languages";
import { browserTimeZone } from "../../../lib/dates";
import { getErrorMessage } from "../../../lib/errors";
import { useSchemaForm } from "../../../lib/use-schema-form";
import { TimeZoneField } from "../../date-time/components/time-zone-field";
import type { Me } from "../hooks/use-me";
import { useReloadMe } from "../hooks/use-reload-me";
import { useUpdateProfile } from "../hooks/use-update-profile";
import {
	buildProfileUpdate,
	isProfileField,
	type ProfileField,
	type ProfileFormValues,
	profileToFormValues,
} from "../profile-form-values";

const formValuesOf = (me: Me) => profileToFormValues(me, { language: currentLanguage(), timeZone: browserTimeZone() });

/**
 * Edits the signed-in user's own profile. The form keeps what the user typed until they save
 * or explicitly reload: a background refresh of `me` never overwrites their input, and a save
 * always sends the version the form was loaded from. Values are checked with the procedure's
 * own schema (`ZUpdateProfileInput`) before they are sent; the server's answer still decides.
 */
export function ProfileForm({ me }: { me: Me }) {
	const { t } = useTranslation();
	/** The profile the form was loaded from: its version is what a save sends. */
	const [base, setBase] = useState(me);
	const form = useSchemaForm({
		initial: () => formValuesOf(me),
		schema: ZUpdateProfileInput,
		toInput: (values: ProfileFormValues) => buildProfileUpdate(base, values, base.version),
		customMessages: {
			firstName: t("fieldErrors.firstName"),
			lastName: t("fieldErrors.lastName"),
			phone: t("fieldErrors.phone"),
			language: t("fieldErrors.language"),
			timeZone: t("fieldErrors.timeZone"),
		},
	});
	const update = useUpdateProfile();
	const { reload, isReloading } = useReloadMe();
	const [reloadError, setReloadError] = useState<unknown>(null);
	const [failedSubmits, setFailedSubmits] = useState(0);
	const formRef = useRef<HTMLFormElement>(null);

	const languageOptions = SUPPORTED_LANGUAGES.map((language) => ({
		value: language,
		label: t(`language.${language}`),
	}));

	const { fieldIssues } = update;
	// Move keyboard focus to the first field the server rejected.
	useEffect(() => {
		if (Object.keys(fieldIssues).length > 0) {
			formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
		}
	}, [fieldIssues]);
	// The same after a submit the schema stopped; only then, never while the person types.
	useEffect(() => {
		if (failedSubmits > 0) {
			formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
		}
	}, [failedSubmits]);

	const load = (profile: Me) => {
		setBase(profile);
		form.reset(formValuesOf(profile));
	};

	const setValue = <K extends keyof ProfileFormValues>(field: K, value: ProfileFormValues[K]) => {
		form.setValue(field, value);
		if (update.isSaved) {
			update.reset();
		}
	};

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		setReloadError(null);
		const input = form.validate();
		if (!input) {
			update.reset();
			setFailedSubmits((count) => count + 1);
			return;
		}
		update.save(input, { onSuccess: load });
	};

	const handleReload = async () => {
		setReloadError(null);
		try {
			load(await reload());
			update.reset();
		} catch (error) {
			setReloadError(error);
		}
	};

	const errorFor = (field: ProfileField): ReactNode => {
		const issues = fieldIssues[field];
		if (!issues) {
			return form.errors[field];
		}
		return <ServerFieldError message={t(`fieldErrors.${field}`)} issues={issues} />;
	};
	const otherFieldIssues = Object.entries(fieldIssues).filter(([field]) => !isProfileField(field));
	const hasFieldErrors = Object.keys(fieldIssues).length > 0 || Object.keys(form.errors).length > 0;

	let feedback: ReactNode = null;
	if (update.isConflict) {
		feedback = (
			<Alert
				tone="warning"
				title={t("profile.conflictTitle")}
				action={
					<Button variant="secondary" size="sm" loading={isReloading} onClick={() => void handleReload()}>
						{t("profile.reloadLatest")}
					</Button>
				}
			>
				<p>{t("profile.conflictBody")}</p>
				{reloadError !== null && <p>{getErrorMessage(reloadError, t)}</p>}
			</Alert>
		);
	} else if (hasFieldErrors) {
		feedback = (
			<Alert tone="error" title={t("profile.validationTitle")}>
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
		feedback = <ErrorAlert error={update.error} title={t("profile.saveFailedTitle")} />;
	} else if (update.isSaved) {
		feedback = <Alert tone="success" title={t("profile.saved")} />;
	}

	return (
		<Card title={t("profile.personalTitle")} description={t("profile.personalDescription")}>
			<form ref={formRef} className="portal-stack" onSubmit={handleSubmit} noValidate>
				{me.timeZone === null && (
					<Alert tone="info">
						<p>{t("profile.timeZoneNotSet", { timeZone: browserTimeZone() })}</p>
					</Alert>
				)}
				{feedback}
				<div className="portal-form-grid">
					<TextField
						label={t("profile.firstName")}
						name="firstName"
						autoComplete="given-name"
						value={form.values.firstName}
						onChange={(event) => setValue("firstName", event.target.value)}
						error={errorFor("firstName")}
					/>
					<TextField
						label={t("profile.lastName")}
						name="lastName"
						autoComplete="family-name"
						value={form.values.lastName}
						onChange={(event) => setValue("lastName", event.target.value)}
						error={errorFor("lastName")}
					/>
					<TextField
						label={t("profile.phone")}
						name="phone"
						type="tel"
						autoComplete="tel"
						inputMode="tel"
						placeholder="+31612345678"
						hint={t("profile.phoneHint")}
						value={form.values.phone}
						onChange={(event) => setValue("phone", event.target.value)}
						error={errorFor("phone")}
					/>
					<SelectField
						label={t("profile.language")}
						name="language"
						options={languageOptions}
						value={form.values.language}
						onChange={(event) => {
							const language = SUPPORTED_LANGUAGES.find((candidate) => candidate === event.target.value);
							if (language) {
								setValue("language", language);
							}
						}}
						error={errorFor("language")}
					/>
					<TimeZoneField
						label={t("profile.timeZone")}
						name="timeZone"
						hint={t("profile.timeZoneHint")}
						value={form.values.timeZone}
						onChange={(zone) => setValue("timeZone", zone)}
						error={errorFor("timeZone")}
					/>
				</div>
				<div className="portal-form-actions">
					<Button type="submit" loading={update.isSaving}>
						{t("profile.save")}
					</Button>
				</div>
			</form>
		</Card>
	);
}
