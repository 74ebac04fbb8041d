import { Alert } from "@tessera/ui/alert";
import { Badge } from "@tessera/ui/badge";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { Spinner } from "@tessera/ui/spinner";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { isWebAuthnSupported } from "../../../lib/webauthn";
import type { RequiredAction } from "../../auth/sign-in-result";
import type { Me } from "../../profile/hooks/use-me";
import { AddPasskeyForm } from "../../security/components/add-passkey-form";
import { ContactVerificationForm } from "../../security/components/contact-verification-form";
import { TotpSetup } from "../../security/components/totp-setup";
import { useSecurityOverview } from "../../security/hooks/use-security-overview";

/** The order steps are offered in: a passkey first, since registering one also completes "enrol MFA". */
const ORDER: readonly RequiredAction[] = ["verify_email", "register_passkey", "enroll_mfa", "change_password"];

const TITLE_KEYS = {
	verify_email: "requiredActions.steps.verify_email",
	register_passkey: "requiredActions.steps.register_passkey",
	enroll_mfa: "requiredActions.steps.enroll_mfa",
	change_password: "requiredActions.steps.change_password",
} as const satisfies Record<RequiredAction, string>;

function sortActions(actions: readonly RequiredAction[]): RequiredAction[] {
	return [...actions].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
}

/**
 * Walks through what the organisation requires before the account can be used: each step in
 * turn, with the ones already done ticked off. The server's list (`me.requiredActions`) is the
 * truth: a step is done when the server no longer lists it.
 */
export function RequiredActionsWizard({ me }: { me: Me }) {
	const { t } = useTranslation();
	// Everything asked for when the page opened, so finished steps stay visible as done.
	const initial = useRef(sortActions(me.requiredActions));
	const pending = sortActions(me.requiredActions);
	const all = sortActions([...new Set([...initial.current, ...pending])]);
	const current = pending[0];

	return (
		<div className="portal-stack portal-stack--lg">
			<ol className="portal-progress" aria-label={t("requiredActions.progress")}>
				{all.map((action) => {
					const isDone = !pending.includes(action);
					const isCurrent = action === current;
					return (
						<li key={action} aria-current={isCurrent ? "step" : undefined}>
							<span>{t(TITLE_KEYS[action])}</span>{" "}
							{isDone ? (
								<Badge tone="success">{t("requiredActions.done")}</Badge>
							) : isCurrent ? (
								<Badge tone="info">{t("requiredActions.current")}</Badge>
							) : (
								<Badge>{t("requiredActions.next")}</Badge>
							)}
						</li>
					);
				})}
			</ol>
			{current ? (
				<Card key={current} title={t(TITLE_KEYS[current])} description={t(`requiredActions.why.${current}`)}>
					<ActionStep action={current} me={me} />
				</Card>
			) : (
				<Spinner label={t("requiredActions.finishing")} />
			)}
		</div>
	);
}

function ActionStep({ action, me }: { action: RequiredAction; me: Me }) {
	const { t } = useTranslation();
	switch (action) {
		case "verify_email":
			return me.email ? (
				<ContactVerificationForm
					mode="verifyEmail"
					currentEmail={me.email}
					timeZone={me.timeZone}
					onDone={() => undefined}
				/>
			) : (
				<Alert tone="error">
					<p>{t("requiredActions.noEmail")}</p>
				</Alert>
			);
		case "register_passkey":
			return isWebAuthnSupported() ? (
				<AddPasskeyForm onDone={() => undefined} />
			) : (
				<Alert tone="error">
					<p>{t("errors.passkey.unsupportedBrowser")}</p>
				</Alert>
			);
		case "enroll_mfa":
			return <EnrolMfaStep />;
		case "change_password":
			// Sign-in handles a forced password change before a session exists; a session never carries it.
			return (
				<Alert tone="info">
					<p>{t("requiredActions.signInAgain")}</p>
				</Alert>
			);
	}
}

/** Enrol a second factor: an authenticator app or a passkey, whichever the organisation allows. */
function EnrolMfaStep() {
	const { t } = useTranslation();
	const overview = useSecurityOverview();
	const [choice, setChoice] = useState<"totp" | "passkey" | null>(null);

	if (overview.isPending) {
		return <Spinner label={t("app.loading")} />;
	}
	if (overview.error) {
		return <ErrorAlert error={overview.error} />;
	}
	const options = (["passkey", "totp"] as const).filter(
		(method) => overview.data.mfa.allowed.includes(method) && (method !== "passkey" || isWebAuthnSupported()),
	);
	if (choice === "totp") {
		return <TotpSetup onDone={() => undefined} onCancel={() => setChoice(null)} />;
	}
	if (choice === "passkey") {
		return <AddPasskeyForm onDone={() => undefined} onCancel={() => setChoice(null)} />;
	}
	if (options.length === 0) {
		return (
			<Alert tone="error">
				<p>{t("requiredActions.noMethods")}</p>
			</Alert>
		);
	}
	return (
		<div className="portal-stack">
			<p className="portal-flush">{t("requiredActions.chooseMethod")}</p>
			<ul className="portal-choice-list">
				{options.map((method) => (
					<li key={method}>
						<Button variant="secondary" className="portal-full-width" onClick={() => setChoice(method)}>
							{t(`requiredActions.methods.${method}`)}
						</Button>
						<p className="portal-muted portal-flush">{t(`requiredActions.methodHints.${method}`)}</p>
					</li>
				))}
			</ul>
		</div>
	);
}
