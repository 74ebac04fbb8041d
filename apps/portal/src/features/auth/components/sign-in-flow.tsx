import { Alert } from "@tessera/ui/alert";
import { Card } from "@tessera/ui/card";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { nextStep, type RequiredAction, type SignInResult, type SignInStep } from "../sign-in-result";
import { MfaStep } from "./mfa-step";
import { PasswordChangeStep } from "./password-change-step";
import { type SignInCredentials, SignInForm } from "./sign-in-form";

export interface SignInFlowProps {
	defaultTenant: string | null;
	/** Where an open sign-in stands after a reload (from `auth.flow.state`), else the first step. */
	initialStep: SignInStep;
	onSignedIn: (requiredActions: RequiredAction[]) => void;
}

const TITLE_KEYS = {
	credentials: "signIn.title",
	mfa: "signIn.mfa.heading",
	passwordChange: "signIn.passwordChange.heading",
} as const satisfies Record<SignInStep["kind"], string>;

/**
 * The sign-in steps: credentials, then whatever the server asks next (a second factor, a new
 * password), until it answers with a session. The step lives here; the flow token is a cookie.
 */
export function SignInFlow({ defaultTenant, initialStep, onSignedIn }: SignInFlowProps) {
	const { t } = useTranslation();
	const [step, setStep] = useState<SignInStep>(initialStep);
	const [isExpired, setIsExpired] = useState(false);
	const [credentials, setCredentials] = useState<SignInCredentials>({ tenant: defaultTenant ?? "", email: "" });
	const containerRef = useRef<HTMLDivElement>(null);
	const isFirstRender = useRef(true);

	// A new step replaces the form under the person's focus; move focus into the new step.
	useEffect(() => {
		if (isFirstRender.current) {
			isFirstRender.current = false;
			return;
		}
		void step;
		containerRef.current?.querySelector<HTMLElement>("input, button")?.focus();
	}, [step]);

	const handleResult = (result: SignInResult) => {
		setIsExpired(false);
		const next = nextStep(result);
		if (next) {
			setStep(next);
		} else if (result.status === "signed_in") {
			onSignedIn(result.requiredActions);
		}
	};

	const backToStart = (expired: boolean) => {
		setIsExpired(expired);
		setStep({ kind: "credentials" });
	};

	return (
		<Card
			title={t(TITLE_KEYS[step.kind])}
			headingLevel={2}
			description={step.kind === "credentials" ? t("signIn.subtitle") : undefined}
		>
			<div ref={containerRef}>
				{step.kind === "credentials" && (
					<SignInForm
						defaultTenant={defaultTenant}
						notice={
							isExpired ? (
								<Alert tone="warning">
									<p>{t("errors.domain.loginFlowExpired")}</p>
								</Alert>
							) : undefined
						}
						onResult={(result, used) => {
							setCredentials(used);
							handleResult(result);
						}}
					/>
				)}
				{step.kind === "mfa" && (
					<MfaStep
						methods={step.methods}
						preferred={step.preferred}
						onResult={handleResult}
						onExpired={() => backToStart(true)}
						onStartOver={() => backToStart(false)}
					/>
				)}
				{step.kind === "passwordChange" && (
					<PasswordChangeStep
						reason={step.reason}
						context={credentials}
						onResult={handleResult}
						onExpired={() => backToStart(true)}
						onStartOver={() => backToStart(false)}
					/>
				)}
			</div>
		</Card>
	);
}
