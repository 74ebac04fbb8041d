import type { PasswordContext } from "@tessera/core/passwords/password-rules";
import { useTranslation } from "react-i18next";
import { PasswordField } from "../../../components/password-field";
import { usePasswordPolicy } from "../hooks/use-password-policy";
import { usePasswordStrength } from "../hooks/use-password-strength";
import { PasswordRequirements } from "./password-requirements";
import { PasswordStrengthMeter } from "./password-strength-meter";

export interface NewPasswordFieldsProps {
	password: string;
	confirmation: string;
	onPasswordChange: (value: string) => void;
	onConfirmationChange: (value: string) => void;
	/**
	 * Words about the person and organisation that the meter (like the server) counts against; its
	 * `tenantSlug` also names whose password rules are listed and checked.
	 */
	context: PasswordContext;
	/** True after a submit attempt: only then is a mismatch reported. */
	showErrors: boolean;
}

/** True when the two entries are filled in and equal. */
export function passwordsMatch(password: string, confirmation: string): boolean {
	return password !== "" && password === confirmation;
}

/**
 * New password and its confirmation (`autocomplete="new-password"`, so password managers offer
 * to generate one), with the organisation's rules listed before anyone types and marked as the
 * password meets them, and a strength meter: both read the password with the server's own rules
 * and policy, asked of the server as the person types.
 */
export function NewPasswordFields({
	password,
	confirmation,
	onPasswordChange,
	onConfirmationChange,
	context,
	showErrors,
}: NewPasswordFieldsProps) {
	const { t } = useTranslation();
	const policy = usePasswordPolicy(context.tenantSlug);
	const reading = usePasswordStrength(password, context);
	const minLength = policy?.minLength ?? null;
	const hint = policy ? undefined : t("passwordRules.hintGeneric");
	const mismatch = showErrors && confirmation !== password;
	const missing = showErrors && password === "";
	return (
		<>
			<PasswordField
				label={t("passwordFields.new")}
				name="new-password"
				autoComplete="new-password"
				showLabel={t("passwordFields.showNew")}
				hideLabel={t("passwordFields.hideNew")}
				hint={hint}
				required
				minLength={minLength ?? undefined}
				value={password}
				onChange={(event) => onPasswordChange(event.target.value)}
				error={missing ? t("passwordFields.required") : undefined}
			/>
			{policy && <PasswordRequirements policy={policy} violations={reading?.violations ?? null} />}
			{reading && <PasswordStrengthMeter score={reading.estimate.score} />}
			<PasswordField
				label={t("passwordFields.confirm")}
				name="confirm-password"
				autoComplete="new-password"
				showLabel={t("passwordFields.showConfirm")}
				hideLabel={t("passwordFields.hideConfirm")}
				required
				value={confirmation}
				onChange={(event) => onConfirmationChange(event.target.value)}
				error={mismatch ? t("passwordFields.mismatch") : undefined}
			/>
		</>
	);
}
