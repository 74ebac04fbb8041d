import type { PasswordContext } from "@tessera/core/passwords/password-rules";
import { useTranslation } from "react-i18next";
import { PasswordField } from "../../../components/password-field";
import { preloadPasswordRules, usePasswordStrength } from "../hooks/use-password-strength";
import { PasswordStrengthMeter } from "./password-strength-meter";

export interface NewPasswordFieldsProps {
	password: string;
	confirmation: string;
	onPasswordChange: (value: string) => void;
	onConfirmationChange: (value: string) => void;
	/** Words about the person and organisation that the meter (like the server) counts against. */
	context: PasswordContext;
	/** The organisation's minimum length, when known. */
	minLength: number | null;
	/** True after a submit attempt: only then is a mismatch reported. */
	showErrors: boolean;
}

/** True when the two entries are filled in and equal. */
export function passwordsMatch(password: string, confirmation: string): boolean {
	return password !== "" && password === confirmation;
}

/**
 * New password and its confirmation (`autocomplete="new-password"`, so password managers offer
 * to generate one), with the policy hint and a strength meter that reads the password with the
 * server's own rules, loaded lazily.
 */
export function NewPasswordFields({
	password,
	confirmation,
	onPasswordChange,
	onConfirmationChange,
	context,
	minLength,
	showErrors,
}: NewPasswordFieldsProps) {
	const { t } = useTranslation();
	const estimate = usePasswordStrength(password, context);
	const hint = minLength ? t("passwordRules.hintMin", { min: minLength }) : t("passwordRules.hintGeneric");
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
				onFocus={() => {
					void preloadPasswordRules().catch(() => undefined);
				}}
				onChange={(event) => onPasswordChange(event.target.value)}
				error={missing ? t("passwordFields.required") : undefined}
			/>
			{estimate && <PasswordStrengthMeter score={estimate.score} />}
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
