import type { FieldIssue } from "@tessera/core/shared/errors";
import { BRAND_NAME_MAX_LENGTH, LOGO_MAX_BYTES } from "@tessera/core/tenants/branding.schema";
import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { Spinner } from "@tessera/ui/spinner";
import { TextField } from "@tessera/ui/text-field";
import type { TFunction } from "i18next";
import { type ChangeEvent, type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { readApiError } from "../../../lib/errors";
import { describeIssue } from "../../../lib/field-issues";
import { type Branding, useBranding } from "../../branding/hooks/use-branding";
import { useMe } from "../../profile/hooks/use-me";
import { type BrandingDraft, changeOf, draftIssues, draftOf, hasChanges, previewColor } from "../branding-form";
import { useUpdateBranding } from "../hooks/use-branding-settings";
import { BrandingPreview } from "./branding-preview";
import "../admin-branding.css";

/** Kilobytes as the hints and errors name them. */
const LOGO_MAX_KB = Math.floor(LOGO_MAX_BYTES / 1024);

/** The organisation's branding as a settings page: loads it, then hands it to the form. */
export function BrandingSettings() {
	const { t } = useTranslation();
	const me = useMe();
	const branding = useBranding(me.tenantSlug);
	return (
		<div className="portal-stack portal-stack--lg">
			<header className="portal-page-header">
				<h1>{t("adminBranding.title")}</h1>
				<p className="portal-muted">{t("adminBranding.subtitle")}</p>
			</header>
			{branding === null ? <Spinner label={t("adminBranding.loading")} /> : <BrandingForm saved={branding} />}
		</div>
	);
}

/** A problem with a field in words: the logo's own rules by name, anything else as every form words it. */
function describeBrandingIssue(issue: FieldIssue, t: TFunction): string {
	if (issue.code === "custom" && issue.rule === "logo_format") return t("adminBranding.errors.logoFormat");
	if (issue.code === "too_big" && issue.origin !== "string" && issue.maximum !== undefined) {
		return t("adminBranding.errors.logoTooBig", { max: LOGO_MAX_KB });
	}
	if (issue.code === "invalid_format") return t("adminBranding.errors.accentFormat");
	return describeIssue(issue, t);
}

function BrandingForm({ saved }: { saved: Branding }) {
	const { t } = useTranslation();
	const update = useUpdateBranding();
	const pickerId = useId();
	const [draft, setDraft] = useState<BrandingDraft>(() => draftOf(saved));
	const [submitted, setSubmitted] = useState(false);
	const [notice, setNotice] = useState<string | null>(null);
	const [fileKey, setFileKey] = useState(0);
	const changed = hasChanges(saved, draft);
	const localIssues = submitted ? draftIssues(draft) : {};
	const serverIssues = update.error ? readApiError(update.error).fieldIssues : {};
	const tooBig = draft.logo.kind === "new" && draft.logo.size > LOGO_MAX_BYTES;

	const errorOf = (field: "name" | "accentColor" | "logo"): string | undefined => {
		const issues = localIssues[field] ?? serverIssues[field];
		if (field === "logo" && tooBig) return t("adminBranding.errors.logoTooBig", { max: LOGO_MAX_KB });
		return issues && issues.length > 0
			? [...new Set(issues.map((issue) => describeBrandingIssue(issue, t)))].join(" ")
			: undefined;
	};

	const edit = (patch: Partial<BrandingDraft>) => {
		setDraft((current) => ({ ...current, ...patch }));
		setNotice(null);
	};

	const chooseLogo = (event: ChangeEvent<HTMLInputElement>) => {
		const file = event.target.files?.[0];
		if (!file) return;
		// Read as a data URL: it previews without a blob: address (which the CSP's img-src does not
		// allow) and its base64 part is what the API takes. The API decides by the bytes what it is.
		const reader = new FileReader();
		reader.onload = () => {
			if (typeof reader.result === "string") edit({ logo: { kind: "new", dataUrl: reader.result, size: file.size } });
		};
		reader.readAsDataURL(file);
	};

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		setSubmitted(true);
		setNotice(null);
		if (!changed || tooBig || Object.keys(draftIssues(draft)).length > 0) return;
		update.mutate(changeOf(draft), {
			onSuccess: (after) => {
				setDraft(draftOf(after));
				setSubmitted(false);
				setFileKey((key) => key + 1);
				setNotice(t("adminBranding.saved"));
			},
		});
	};

	const discard = () => {
		setDraft(draftOf(saved));
		setSubmitted(false);
		setFileKey((key) => key + 1);
		update.reset();
		setNotice(null);
	};

	const unexplained = update.error && Object.keys(serverIssues).length === 0 ? update.error : null;
	const logoUrl =
		draft.logo.kind === "new" ? draft.logo.dataUrl : draft.logo.kind === "saved" ? (saved.logo?.url ?? null) : null;
	const pickerValue = previewColor(draft) ?? "#3547c4";

	return (
		<form className="portal-stack portal-stack--lg" onSubmit={handleSubmit} noValidate>
			{notice && <Alert tone="success" title={notice} />}
			{unexplained && <ErrorAlert error={unexplained} />}
			<Card title={t("adminBranding.sections.name.title")} description={t("adminBranding.sections.name.description")}>
				<TextField
					className="admin-branding-control"
					label={t("adminBranding.fields.name.label")}
					hint={t("adminBranding.fields.name.hint", { max: BRAND_NAME_MAX_LENGTH })}
					value={draft.name}
					onChange={(event) => edit({ name: event.target.value })}
					error={errorOf("name")}
					autoComplete="organization"
				/>
			</Card>
			<Card
				title={t("adminBranding.sections.accent.title")}
				description={t("adminBranding.sections.accent.description")}
				bodyClassName="admin-branding-accent"
			>
				<TextField
					className="admin-branding-control"
					label={t("adminBranding.fields.accentColor.label")}
					hint={t("adminBranding.fields.accentColor.hint")}
					value={draft.accentColor}
					onChange={(event) => edit({ accentColor: event.target.value })}
					error={errorOf("accentColor")}
					spellCheck={false}
					autoComplete="off"
				/>
				<div className="admin-branding-picker">
					<label htmlFor={pickerId}>{t("adminBranding.fields.accentPicker.label")}</label>
					<input
						id={pickerId}
						type="color"
						className="admin-branding-picker__input"
						value={pickerValue}
						onChange={(event) => edit({ accentColor: event.target.value })}
					/>
				</div>
				<div>
					<Button
						type="button"
						variant="secondary"
						size="sm"
						onClick={() => edit({ accentColor: "" })}
						disabled={draft.accentColor === ""}
					>
						{t("adminBranding.useDefaultColour")}
					</Button>
				</div>
			</Card>
			<Card
				title={t("adminBranding.sections.logo.title")}
				description={t("adminBranding.sections.logo.description")}
				bodyClassName="admin-branding-logo"
			>
				{logoUrl ? (
					<img className="admin-branding-logo__current" src={logoUrl} alt={t("adminBranding.fields.logo.current")} />
				) : (
					<p className="portal-muted portal-flush">{t("adminBranding.fields.logo.none")}</p>
				)}
				<TextField
					key={fileKey}
					className="admin-branding-control"
					type="file"
					accept="image/png,image/jpeg,image/webp"
					label={t("adminBranding.fields.logo.label")}
					hint={t("adminBranding.fields.logo.hint", { max: LOGO_MAX_KB })}
					onChange={chooseLogo}
					error={errorOf("logo")}
				/>
				<div className="portal-inline">
					{draft.logo.kind !== "removed" && logoUrl && (
						<Button type="button" variant="secondary" size="sm" onClick={() => edit({ logo: { kind: "removed" } })}>
							{t("adminBranding.removeLogo")}
						</Button>
					)}
					{draft.logo.kind !== "saved" && saved.logo && (
						<Button
							type="button"
							variant="secondary"
							size="sm"
							onClick={() => {
								edit({ logo: { kind: "saved" } });
								setFileKey((key) => key + 1);
							}}
						>
							{t("adminBranding.keepLogo")}
						</Button>
					)}
				</div>
			</Card>
			<Card
				title={t("adminBranding.sections.preview.title")}
				description={t("adminBranding.sections.preview.description")}
			>
				<BrandingPreview name={draft.name} accentColor={previewColor(draft)} logoUrl={logoUrl} />
			</Card>
			<div className="portal-form-actions">
				<Button type="button" variant="secondary" onClick={discard} disabled={!changed || update.isPending}>
					{t("adminBranding.discard")}
				</Button>
				<Button type="submit" loading={update.isPending} disabled={!changed}>
					{t("adminBranding.save")}
				</Button>
			</div>
		</form>
	);
}
