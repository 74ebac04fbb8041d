import { ZIssueApiKeyInput } from "@tessera/core/apikeys/apikey.schema";
import { Button } from "@tessera/ui/button";
import { Dialog } from "@tessera/ui/dialog";
import { SelectField } from "@tessera/ui/select-field";
import { TextField } from "@tessera/ui/text-field";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useDateFormat } from "../../../lib/use-date-format";
import { maxLengthOf, useSchemaForm } from "../../../lib/use-schema-form";
import {
	type ApplicationUser,
	buildIssueApiKeyInput,
	EXPIRY_CHOICES,
	expiryDate,
	type IssueKeyValues,
	isExpiryChoice,
} from "../application-form";
import type { useIssueApiKey } from "../hooks/use-applications";

/** Asks for a key's name and lifetime, then issues it (the parent shows the key, once). */
export function IssueKeyDialog({
	user,
	open,
	issue,
	timeZone,
	onClose,
}: {
	user: ApplicationUser;
	open: boolean;
	/** The mutation lives in the parent, which shows its answer (the key) after this dialog closes. */
	issue: ReturnType<typeof useIssueApiKey>;
	timeZone: string | null;
	onClose: () => void;
}) {
	const { t } = useTranslation();
	return (
		<Dialog open={open} onClose={onClose} title={t("adminApplications.issue.title", { name: user.name })}>
			{open && <IssueKeyForm user={user} issue={issue} timeZone={timeZone} onClose={onClose} />}
		</Dialog>
	);
}

function IssueKeyForm({
	user,
	issue,
	timeZone,
	onClose,
}: {
	user: ApplicationUser;
	issue: ReturnType<typeof useIssueApiKey>;
	timeZone: string | null;
	onClose: () => void;
}) {
	const { t } = useTranslation();
	const format = useDateFormat(timeZone);
	const form = useSchemaForm({
		initial: (): IssueKeyValues => ({ name: "", expiry: "never" }),
		schema: ZIssueApiKeyInput,
		toInput: (current: IssueKeyValues) => buildIssueApiKeyInput(user.id, current, new Date()),
		customMessages: { name: t("validation.controlCharacters") },
	});
	const { values } = form;
	// A preview only: the server stamps the real expiry from its own clock at issue time.
	const previewExpiry = expiryDate(values.expiry, new Date());

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		const input = form.validate();
		if (input) {
			issue.mutate(input);
		}
	};

	return (
		<form className="portal-stack" onSubmit={handleSubmit} noValidate>
			<TextField
				label={t("adminApplications.issue.name")}
				name="key-name"
				autoComplete="off"
				required
				autoFocus
				maxLength={maxLengthOf(ZIssueApiKeyInput.shape.name)}
				value={values.name}
				onChange={(event) => form.setValue("name", event.target.value)}
				hint={t("adminApplications.issue.nameHint")}
				error={form.errors.name}
			/>
			<SelectField
				label={t("adminApplications.issue.expiry")}
				name="key-expiry"
				value={values.expiry}
				onChange={(event) => {
					if (isExpiryChoice(event.target.value)) {
						form.setValue("expiry", event.target.value);
					}
				}}
				options={EXPIRY_CHOICES.map((choice) => ({
					value: choice,
					label: t(`adminApplications.issue.expiryChoices.${choice}`),
				}))}
				hint={
					previewExpiry
						? t("adminApplications.issue.expiresOn", { date: format.date(previewExpiry) })
						: t("adminApplications.issue.expiryHint")
				}
			/>
			{issue.error && <ErrorAlert error={issue.error} />}
			<div className="portal-form-actions">
				<Button variant="secondary" onClick={onClose}>
					{t("common.cancel")}
				</Button>
				<Button type="submit" loading={issue.isPending}>
					{t("adminApplications.issue.submit")}
				</Button>
			</div>
		</form>
	);
}
