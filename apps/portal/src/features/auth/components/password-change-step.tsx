import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { hasDomainCode, readApiError } from "../../../lib/errors";
import { NewPasswordFields, passwordsMatch } from "../../passwords/components/new-password-fields";
import { PasswordViolationsAlert } from "../../passwords/components/password-violations-alert";
import { useChangePasswordInFlow } from "../hooks/use-sign-in-flow";
import type { SignInResult } from "../sign-in-result";

export interface PasswordChangeStepProps {
	reason: "expired" | "required";
	/** Who is signing in, so the strength meter counts their own words against the password. */
	context: { tenant: string; email: string };
	onResult: (result: SignInResult) => void;
	onExpired: () => void;
	onStartOver: () => void;
}

/**
 * The only thing a person with an expired (or reset) password can do: choose a new one that
 * meets the policy. Every reason for a refusal is listed next to the fields.
 */
export function PasswordChangeStep({ reason, context, onResult, onExpired, onStartOver }: PasswordChangeStepProps) {
	const { t } = useTranslation();
	const change = useChangePasswordInFlow();
	const [password, setPassword] = useState("");
	const [confirmation, setConfirmation] = useState("");
	const [submitted, setSubmitted] = useState(false);
	const violations = change.error ? readApiError(change.error).details.violations : [];

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		setSubmitted(true);
		if (!passwordsMatch(password, confirmation)) {
			return;
		}
		change.mutate(
			{ newPassword: password },
			{
				onSuccess: onResult,
				onError: (error) => {
					if (hasDomainCode(error, "AUTH.LOGIN_FLOW_EXPIRED")) {
						onExpired();
					}
				},
			},
		);
	};

	return (
		<form className="portal-stack" onSubmit={handleSubmit} noValidate>
			<Alert tone="warning" role="status">
				<p>{t(reason === "expired" ? "signIn.passwordChange.expired" : "signIn.passwordChange.required")}</p>
			</Alert>
			{violations.length > 0 ? (
				<PasswordViolationsAlert violations={violations} />
			) : (
				change.error && <ErrorAlert error={change.error} />
			)}
			<NewPasswordFields
				password={password}
				confirmation={confirmation}
				onPasswordChange={setPassword}
				onConfirmationChange={setConfirmation}
				context={{ tenantSlug: context.tenant, email: context.email || null }}
				showErrors={submitted}
			/>
			<Button type="submit" loading={change.isPending} className="portal-full-width">
				{t("signIn.passwordChange.submit")}
			</Button>
			<p className="portal-flush">
				<Button variant="link" onClick={onStartOver}>
					{t("signIn.startOver")}
				</Button>
			</p>
		</form>
	);
}
