import { Alert } from "@tessera/ui/alert";
import { Card } from "@tessera/ui/card";
import { Spinner } from "@tessera/ui/spinner";
import { lazy, type RefObject, Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { nextStep, type RequiredAction, type SignInResult, type SignInStep } from "../sign-in-result";
import { type SignInCredentials, SignInForm } from "./sign-in-form";

// Most sign-ins end at the first step: the later ones load only when the server asks for them.
const MfaStep = lazy(() => import("./mfa-step").then((module) => ({ default: module.MfaStep })));
const PasswordChangeStep = lazy(() =>
	import("./password-change-step").then((module) => ({ default: module.PasswordChangeStep })),
);

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
			headingLevel={1}
			description={step.kind === "credentials" ? t("signIn.subtitle") : undefined}
		>
			<div ref={containerRef}>
				<Suspense fallback={<Spinner label={t("app.loading")} />}>
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
					{/* Inside the boundary: runs once the step's code is in and its fields are shown. */}
					<FocusNewStep step={step} containerRef={containerRef} isFirstRender={isFirstRender} />
				</Suspense>
			</div>
		</Card>
	);
}

/** A new step replaces the form under the person's focus; move focus into the new step. */
function FocusNewStep({
	step,
	containerRef,
	isFirstRender,
}: {
	step: SignInStep;
	containerRef: RefObject<HTMLDivElement | null>;
	isFirstRender: RefObject<boolean>;
}) {
	useEffect(() => {
		if (isFirstRender.current) {
			isFirstRender.current = false;
			return;
		}
		void step;
		containerRef.current?.querySelector<HTMLElement>("input, button")?.focus();
	}, [step, containerRef, isFirstRender]);
	return null;
}
