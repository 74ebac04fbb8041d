import {
	MFA_MANDATORY_ROLE_KEYS,
	POLICY_RULE_IDS,
	type PolicyRuleId,
	SELECTABLE_MFA_REQUIREMENTS,
	type TenantPolicy,
} from "@tessera/core/policy/tenant-policy";
import type { FieldIssue } from "@tessera/core/shared/errors";
import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { CheckboxField } from "@tessera/ui/checkbox-field";
import { SelectField } from "@tessera/ui/select-field";
import { Spinner } from "@tessera/ui/spinner";
import { TextField } from "@tessera/ui/text-field";
import type { TFunction } from "i18next";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { readApiError } from "../../../lib/errors";
import { describeIssue } from "../../../lib/field-issues";
import { useRoleName } from "../../admin-roles/hooks/use-role-label";
import { useRoles } from "../../admin-roles/hooks/use-roles";
import { hasPermission, PERMISSIONS } from "../../auth/permissions";
import { useMe } from "../../profile/hooks/use-me";
import { usePolicy, useUpdatePolicy } from "../hooks/use-policy";
import {
	changeCount,
	defaultOf,
	draftIssues,
	METHOD_CHOICES,
	POLICY_FORM,
	type PolicyField,
	parseDayList,
	patchOf,
	settingOf,
	withValue,
} from "../policy-form";
import "../admin-policy.css";

const STRENGTH_SCORES = [0, 1, 2, 3, 4] as const;

/** The tenant's security policy as a settings page: loads it, then hands it to the form. */
export function PolicySettings() {
	const { t } = useTranslation();
	const policy = usePolicy();
	return (
		<div className="portal-stack portal-stack--lg">
			<header className="portal-page-header">
				<h1>{t("adminPolicy.title")}</h1>
				<p className="portal-muted">{t("adminPolicy.subtitle")}</p>
			</header>
			{policy.isPending ? (
				<Spinner label={t("adminPolicy.loading")} />
			) : policy.isError ? (
				<ErrorAlert error={policy.error} />
			) : (
				<PolicyForm saved={policy.data} />
			)}
		</div>
	);
}

function isRuleId(rule: string | undefined): rule is PolicyRuleId {
	return (POLICY_RULE_IDS as readonly (string | undefined)[]).includes(rule);
}

/** A problem with a setting in words: a broken cross-field rule by its name, else worded like a field's own check. */
function describePolicyIssue(issue: FieldIssue, t: TFunction): string {
	return issue.code === "custom" && isRuleId(issue.rule)
		? t(`adminPolicy.rules.${issue.rule}`)
		: describeIssue(issue, t);
}

/**
 * Every setting, section by section, each with what it does, its bounds, its default and the
 * standards behind it. Checked by the API's own schema as the administrator edits (after a first
 * save attempt), and sent as one patch of the changed fields only.
 */
function PolicyForm({ saved }: { saved: TenantPolicy }) {
	const { t } = useTranslation();
	const update = useUpdatePolicy();
	const roleName = useRoleNameByKey();
	const [draft, setDraft] = useState<TenantPolicy>(saved);
	const [submitted, setSubmitted] = useState(false);
	const [notice, setNotice] = useState<string | null>(null);
	const changes = changeCount(saved, draft);
	const localIssues = submitted ? draftIssues(draft) : {};
	const serverIssues = update.error ? readApiError(update.error).fieldIssues : {};

	const errorOf = (target: PolicyField): string | undefined => {
		const issues = localIssues[target.path] ?? serverIssues[target.path];
		return issues && issues.length > 0
			? [...new Set(issues.map((issue) => describePolicyIssue(issue, t)))].join(" ")
			: undefined;
	};

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		setSubmitted(true);
		setNotice(null);
		if (changes === 0 || Object.keys(draftIssues(draft)).length > 0) return;
		update.mutate(patchOf(saved, draft), {
			onSuccess: (after) => {
				setDraft(after);
				setSubmitted(false);
				setNotice(t("adminPolicy.saved"));
			},
		});
	};

	const discard = () => {
		setDraft(saved);
		setSubmitted(false);
		update.reset();
		setNotice(null);
	};

	// A failure the fields do not explain (the connection, a refused confirmation) goes on top.
	const unexplained = update.error && Object.keys(serverIssues).length === 0 ? update.error : null;
	const invalidCount = Object.keys(localIssues).length;

	return (
		<form className="portal-stack portal-stack--lg" onSubmit={handleSubmit} noValidate>
			{notice && <Alert tone="success" title={notice} />}
			{unexplained && <ErrorAlert error={unexplained} />}
			{POLICY_FORM.map(({ section, fields }) => (
				<Card
					key={section}
					title={t(`adminPolicy.sections.${section}.title`)}
					description={t(`adminPolicy.sections.${section}.description`)}
					bodyClassName="admin-policy-section"
				>
					{fields.map((target) => (
						<PolicySetting
							key={target.path}
							target={target}
							value={settingOf(draft, target)}
							onChange={(value) => setDraft((current) => withValue(current, target, value))}
							error={errorOf(target)}
							roleName={roleName}
						/>
					))}
				</Card>
			))}
			<section className="admin-policy-savebar" aria-label={t("adminPolicy.saveBar")}>
				<p className="admin-policy-savebar__status" aria-live="polite">
					{invalidCount > 0
						? t("adminPolicy.invalid", { count: invalidCount })
						: changes > 0
							? t("adminPolicy.unsaved", { count: changes })
							: t("adminPolicy.noChanges")}
				</p>
				<div className="portal-form-actions">
					<Button type="button" variant="secondary" onClick={discard} disabled={changes === 0 || update.isPending}>
						{t("adminPolicy.discard")}
					</Button>
					<Button type="submit" loading={update.isPending} disabled={changes === 0}>
						{t("adminPolicy.save")}
					</Button>
				</div>
			</section>
		</form>
	);
}

/** What a value reads as in words, for "Default: …". */
function describeValue(target: PolicyField, value: unknown, t: TFunction, roleName: (key: string) => string): string {
	switch (target.kind) {
		case "switch":
			return value ? t("adminPolicy.values.on") : t("adminPolicy.values.off");
		case "expiry":
			return value === null ? t("adminPolicy.values.never") : String(value);
		case "strength":
			return t(`adminPolicy.values.strength.${value as (typeof STRENGTH_SCORES)[number]}`);
		case "mfaRequirement":
			return t(`adminPolicy.values.mfaRequirement.${value as (typeof SELECTABLE_MFA_REQUIREMENTS)[number]}`);
		case "methods":
		case "adminMethods":
			return (value as readonly (typeof METHOD_CHOICES.methods)[number][])
				.map((method) => t(`adminPolicy.values.methods.${method}`))
				.join(", ");
		case "roles":
			return (value as readonly string[]).map(roleName).join(", ");
		case "dayList":
			return (value as readonly number[]).join(", ");
		default:
			return String(value);
	}
}

function PolicySetting({
	target,
	value,
	onChange,
	error,
	roleName,
}: {
	target: PolicyField;
	value: unknown;
	onChange: (value: unknown) => void;
	error: string | undefined;
	/** A role's name by its key, read once for the whole form. */
	roleName: (key: string) => string;
}) {
	const { t } = useTranslation();
	const label = t(`adminPolicy.fields.${target.path}.label`);
	const hint = (
		<>
			{t(`adminPolicy.fields.${target.path}.help`)}{" "}
			<span className="admin-policy-meta">
				{target.bounds && target.kind !== "strength" && (
					<span>{t("adminPolicy.range", { min: target.bounds.min, max: target.bounds.max })}</span>
				)}
				<span>{t("adminPolicy.defaultValue", { value: describeValue(target, defaultOf(target), t, roleName) })}</span>
				{target.standards.length > 0 && (
					<span>{t("adminPolicy.standards", { list: target.standards.join(", ") })}</span>
				)}
			</span>
		</>
	);

	switch (target.kind) {
		case "integer":
			return (
				<IntegerInput
					label={label}
					hint={hint}
					error={error}
					target={target}
					value={value as number}
					onChange={onChange}
				/>
			);
		case "switch":
			return (
				<SettingGroup label={label} hint={hint} error={error}>
					<CheckboxField
						label={t("adminPolicy.values.on")}
						checked={value as boolean}
						onChange={(event) => onChange(event.target.checked)}
					/>
				</SettingGroup>
			);
		case "expiry":
			return (
				<ExpiryInput
					label={label}
					hint={hint}
					error={error}
					target={target}
					value={value as number | null}
					onChange={onChange}
				/>
			);
		case "dayList":
			return <DayListInput label={label} hint={hint} error={error} value={value as number[]} onChange={onChange} />;
		case "strength":
		case "mfaRequirement": {
			// A number (the score) or a word (who needs MFA): the option keeps its type when chosen.
			const choices =
				target.kind === "strength"
					? STRENGTH_SCORES.map((score) => ({ value: score, label: t(`adminPolicy.values.strength.${score}`) }))
					: SELECTABLE_MFA_REQUIREMENTS.map((choice) => ({
							value: choice,
							label: t(`adminPolicy.values.mfaRequirement.${choice}`),
						}));
			return (
				<SelectField
					label={label}
					hint={hint}
					error={error}
					className="admin-policy-control"
					value={String(value)}
					onChange={(event) => onChange(choices.find((choice) => String(choice.value) === event.target.value)?.value)}
					options={choices.map((choice) => ({ value: String(choice.value), label: choice.label }))}
				/>
			);
		}
		case "methods":
		case "adminMethods":
			return (
				<ChoiceSet
					label={label}
					hint={hint}
					error={error}
					choices={METHOD_CHOICES[target.kind].map((method) => ({
						value: method,
						label: t(`adminPolicy.values.methods.${method}`),
					}))}
					value={value as string[]}
					onChange={onChange}
				/>
			);
		case "roles":
			return <RoleChoiceSet label={label} hint={hint} error={error} value={value as string[]} onChange={onChange} />;
	}
}

interface InputProps<T> {
	label: string;
	hint: ReactNode;
	error: string | undefined;
	value: T;
	onChange: (value: T) => void;
}

/** A whole number; an emptied field is NaN, which the schema refuses like any wrong value. */
function IntegerInput({ target, value, onChange, ...field }: InputProps<number> & { target: PolicyField }) {
	return (
		<TextField
			{...field}
			className="admin-policy-control"
			type="number"
			inputMode="numeric"
			step={1}
			min={target.bounds?.min}
			max={target.bounds?.max}
			value={Number.isNaN(value) ? "" : String(value)}
			onChange={(event) => onChange(event.target.value === "" ? Number.NaN : Number(event.target.value))}
		/>
	);
}

/** The password expiry: a number of days, or switched off (allowed only with MFA for everyone). */
function ExpiryInput({
	label,
	hint,
	error,
	target,
	value,
	onChange,
}: InputProps<number | null> & { target: PolicyField }) {
	const { t } = useTranslation();
	// The last number typed comes back when expiry is switched on again.
	const [lastDays, setLastDays] = useState(value ?? 90);
	return (
		<SettingGroup label={label} hint={hint} error={error}>
			<CheckboxField
				label={t("adminPolicy.expiryOn")}
				checked={value !== null}
				onChange={(event) => onChange(event.target.checked ? lastDays : null)}
			/>
			{value !== null && (
				<TextField
					label={t("adminPolicy.expiryDays")}
					className="admin-policy-control"
					type="number"
					inputMode="numeric"
					step={1}
					min={target.bounds?.min}
					max={target.bounds?.max}
					value={Number.isNaN(value) ? "" : String(value)}
					onChange={(event) => {
						const days = event.target.value === "" ? Number.NaN : Number(event.target.value);
						setLastDays(days);
						onChange(days);
					}}
				/>
			)}
		</SettingGroup>
	);
}

/** Reminder days as the administrator types them ("14, 7, 3, 1"), kept as typed while editing. */
function DayListInput({ value, onChange, error, ...field }: InputProps<number[]>) {
	const { t } = useTranslation();
	const [text, setText] = useState(value.join(", "));
	const unreadable = parseDayList(text).some(Number.isNaN);
	return (
		<TextField
			{...field}
			className="admin-policy-control"
			inputMode="numeric"
			value={text}
			error={unreadable ? t("adminPolicy.dayListFormat") : error}
			onChange={(event) => {
				setText(event.target.value);
				onChange(parseDayList(event.target.value));
			}}
		/>
	);
}

/** A labelled group of controls (a fieldset), with the setting's hint and error tied to it. */
function SettingGroup({
	label,
	hint,
	error,
	children,
}: {
	label: string;
	hint: ReactNode;
	error: string | undefined;
	children: ReactNode;
}) {
	const id = useId();
	return (
		<fieldset
			className="admin-policy-group"
			aria-describedby={[error ? `${id}-error` : null, `${id}-hint`].filter(Boolean).join(" ")}
			aria-invalid={error ? true : undefined}
		>
			<legend className="admin-policy-group__legend">{label}</legend>
			<p className="ui-field__hint" id={`${id}-hint`}>
				{hint}
			</p>
			{error && (
				<p className="ui-field__error" id={`${id}-error`}>
					{error}
				</p>
			)}
			<div className="admin-policy-group__controls">{children}</div>
		</fieldset>
	);
}

function ChoiceSet({
	choices,
	value,
	onChange,
	...group
}: InputProps<string[]> & { choices: readonly { value: string; label: string; locked?: boolean }[] }) {
	return (
		<SettingGroup {...group}>
			{choices.map((choice) => (
				<CheckboxField
					key={choice.value}
					label={choice.label}
					checked={value.includes(choice.value)}
					disabled={choice.locked}
					onChange={(event) =>
						onChange(
							event.target.checked ? [...value, choice.value] : value.filter((chosen) => chosen !== choice.value),
						)
					}
				/>
			))}
		</SettingGroup>
	);
}

/** A role's name by its key, from the roles list when the viewer may read it, else the key. */
function useRoleNameByKey(): (key: string) => string {
	const me = useMe();
	const roles = useRoles({ enabled: hasPermission(me, PERMISSIONS.rolesRead) });
	const roleName = useRoleName();
	return (key) => roleName(roles.data?.find((role) => role.key === key) ?? { key, name: key });
}

/**
 * The roles that need MFA when "administrators" is chosen. The built-in admin roles are always
 * on the list (M01): shown checked and locked, as the API would refuse to drop them.
 */
function RoleChoiceSet(props: InputProps<string[]>) {
	const { t } = useTranslation();
	const me = useMe();
	const roles = useRoles({ enabled: hasPermission(me, PERMISSIONS.rolesRead) });
	const roleName = useRoleNameByKey();
	const keys = [...new Set([...(roles.data?.map((role) => role.key) ?? []), ...props.value])];
	return (
		<ChoiceSet
			{...props}
			choices={keys.map((key) => {
				const locked = isMandatoryRole(key);
				return {
					value: key,
					label: locked ? t("adminPolicy.mandatoryRole", { role: roleName(key) }) : roleName(key),
					locked,
				};
			})}
		/>
	);
}

function isMandatoryRole(key: string): boolean {
	return (MFA_MANDATORY_ROLE_KEYS as readonly string[]).includes(key);
}
