import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { CodeField } from "@tessera/ui/code-field";
import { TextField } from "@tessera/ui/text-field";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { hasDomainCode, readApiError } from "../../../lib/errors";
import { useCountdown } from "../../../lib/use-countdown";
import { useDateFormat } from "../../../lib/use-date-format";
import { EmailHeldBackNote } from "../../password-reset/components/sign-in-extras";
import {
	usePasskeySecondFactor,
	useSendSignInCode,
	useSignInFlowState,
	useVerifySignInCode,
} from "../hooks/use-sign-in-flow";
import { firstMethod, type SecondFactor, type SignInResult } from "../sign-in-result";

/**
 * The smallest resend cooldown any organisation may configure (SECURITY §4, M11): a resend
 * before this is always refused, so the button waits at least this long. A longer cooldown is
 * learned from the server's `retryAfterSeconds` when it refuses.
 */
const MIN_RESEND_COOLDOWN_SECONDS = 30;

const METHOD_LINK_KEYS = {
	totp: "signIn.mfa.switchTo.totp",
	sms: "signIn.mfa.switchTo.sms",
	email: "signIn.mfa.switchTo.email",
	passkey: "signIn.mfa.switchTo.passkey",
	recovery_code: "signIn.mfa.switchTo.recovery_code",
} as const satisfies Record<SecondFactor, string>;

export interface MfaStepProps {
	methods: SecondFactor[];
	preferred: SecondFactor | null;
	onResult: (result: SignInResult) => void;
	/** The sign-in expired (or failed too often): back to the password step. */
	onExpired: () => void;
	onStartOver: () => void;
}

/**
 * The second factor: the preferred method first, the others one click away. Wrong codes say how
 * many attempts are left; an expired sign-in goes back to the first step with a message.
 */
export function MfaStep({ methods, preferred, onResult, onExpired, onStartOver }: MfaStepProps) {
	const { t } = useTranslation();
	const [method, setMethod] = useState<SecondFactor | null>(() => firstMethod(methods, preferred));
	const flowState = useSignInFlowState();
	const headingRef = useRef<HTMLHeadingElement>(null);
	const others = methods.filter((candidate) => candidate !== method);

	const handleError = (error: unknown) => {
		if (hasDomainCode(error, "AUTH.LOGIN_FLOW_EXPIRED")) {
			onExpired();
		}
	};

	const switchTo = (next: SecondFactor) => {
		// Keep keyboard users oriented: the new method's heading takes focus, in the same click, so a
		// late focus can never pull it from the code field the person has started typing in.
		flushSync(() => setMethod(next));
		headingRef.current?.focus();
	};

	return (
		<div className="portal-stack">
			{flowState.data?.emailHeldBack && <EmailHeldBackNote />}
			{method === null ? (
				<Alert tone="error">
					<p>{t("signIn.mfa.noMethods")}</p>
				</Alert>
			) : (
				<section className="portal-stack" aria-labelledby="mfa-method-heading">
					<h3 id="mfa-method-heading" ref={headingRef} tabIndex={-1} className="portal-subheading">
						{t(`signIn.mfa.title.${method}`)}
					</h3>
					{method === "totp" && <CodeForm method="totp" onResult={onResult} onError={handleError} />}
					{method === "recovery_code" && <CodeForm method="recovery_code" onResult={onResult} onError={handleError} />}
					{(method === "sms" || method === "email") && (
						<SentCodeForm
							key={method}
							channel={method}
							destination={flowState.data?.destinations[method] ?? null}
							onResult={onResult}
							onError={handleError}
						/>
					)}
					{method === "passkey" && <PasskeyFactor onResult={onResult} onError={handleError} />}
				</section>
			)}
			{others.length > 0 && (
				<nav className="portal-stack portal-stack--sm" aria-label={t("signIn.mfa.otherWays")}>
					<p className="portal-flush portal-muted">{t("signIn.mfa.otherWays")}</p>
					<ul className="portal-link-list">
						{others.map((other) => (
							<li key={other}>
								<Button variant="link" onClick={() => switchTo(other)}>
									{t(METHOD_LINK_KEYS[other])}
								</Button>
							</li>
						))}
					</ul>
				</nav>
			)}
			<p className="portal-flush">
				<Button variant="link" onClick={onStartOver}>
					{t("signIn.startOver")}
				</Button>
			</p>
		</div>
	);
}

interface FactorProps {
	onResult: (result: SignInResult) => void;
	onError: (error: unknown) => void;
}

/** An authenticator-app code or a recovery code. */
function CodeForm({ method, onResult, onError }: FactorProps & { method: "totp" | "recovery_code" }) {
	const { t } = useTranslation();
	const verify = useVerifySignInCode();
	const [code, setCode] = useState("");
	const inputRef = useRef<HTMLInputElement>(null);
	const isTotp = method === "totp";

	useEffect(() => {
		inputRef.current?.focus();
	}, []);

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		// People paste codes with spaces ("123 456"); recovery codes keep their dashes.
		const cleaned = isTotp ? code.replace(/\D/g, "") : code.replace(/\s/g, "");
		verify.mutate(
			{ method, code: cleaned },
			{
				onSuccess: onResult,
				onError: (error) => {
					onError(error);
					setCode("");
					inputRef.current?.focus();
				},
			},
		);
	};

	return (
		<form className="portal-stack" onSubmit={handleSubmit} noValidate>
			<p className="portal-flush">{t(isTotp ? "signIn.mfa.totpIntro" : "signIn.mfa.recoveryIntro")}</p>
			{verify.error && <ErrorAlert error={verify.error} />}
			{isTotp ? (
				<CodeField
					ref={inputRef}
					label={t("signIn.mfa.totpLabel")}
					required
					value={code}
					onChange={(event) => setCode(event.target.value)}
				/>
			) : (
				<TextField
					ref={inputRef}
					label={t("signIn.mfa.recoveryLabel")}
					hint={t("signIn.mfa.recoveryHint")}
					name="recovery-code"
					autoComplete="off"
					autoCapitalize="characters"
					spellCheck={false}
					required
					value={code}
					onChange={(event) => setCode(event.target.value)}
				/>
			)}
			<Button type="submit" loading={verify.isPending} className="portal-full-width">
				{t("signIn.mfa.verify")}
			</Button>
		</form>
	);
}

/** A code sent by SMS or email: send, then enter it; resend after the cooldown. */
function SentCodeForm({
	channel,
	destination,
	onResult,
	onError,
}: FactorProps & { channel: "sms" | "email"; destination: string | null }) {
	const { t } = useTranslation();
	const { dateTime } = useDateFormat();
	const send = useSendSignInCode();
	const verify = useVerifySignInCode();
	const cooldown = useCountdown();
	const [code, setCode] = useState("");
	const [expiresAt, setExpiresAt] = useState<Date | null>(null);
	const inputRef = useRef<HTMLInputElement>(null);
	const where = destination ?? t(`signIn.mfa.unknownDestination.${channel}`);

	const handleSend = () => {
		verify.reset();
		send.mutate(
			{ channel },
			{
				onSuccess: (answer) => {
					setExpiresAt(answer.expiresAt);
					cooldown.start(MIN_RESEND_COOLDOWN_SECONDS);
					requestAnimationFrame(() => inputRef.current?.focus());
				},
				onError: (error) => {
					const wait = readApiError(error).details.retryAfterSeconds;
					if (wait !== null) {
						cooldown.start(wait);
					}
					onError(error);
				},
			},
		);
	};

	const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		verify.mutate(
			{ method: channel, code: code.replace(/\D/g, "") },
			{
				onSuccess: onResult,
				onError: (error) => {
					onError(error);
					setCode("");
					inputRef.current?.focus();
				},
			},
		);
	};

	const resendLabel =
		cooldown.secondsLeft > 0 ? t("signIn.mfa.resendIn", { seconds: cooldown.secondsLeft }) : t("signIn.mfa.resend");

	if (expiresAt === null) {
		return (
			<div className="portal-stack">
				<p className="portal-flush">{t(`signIn.mfa.sendIntro.${channel}`, { destination: where })}</p>
				{send.error && <ErrorAlert error={send.error} />}
				<Button
					className="portal-full-width"
					loading={send.isPending}
					disabled={cooldown.secondsLeft > 0}
					onClick={handleSend}
				>
					{cooldown.secondsLeft > 0 ? resendLabel : t("signIn.mfa.sendCode")}
				</Button>
			</div>
		);
	}

	return (
		<form className="portal-stack" onSubmit={handleSubmit} noValidate>
			<Alert tone="info">
				<p>{t(`signIn.mfa.sent.${channel}`, { destination: where, time: dateTime(expiresAt) })}</p>
			</Alert>
			{send.error && <ErrorAlert error={send.error} />}
			{verify.error && <ErrorAlert error={verify.error} />}
			<CodeField
				ref={inputRef}
				label={t("signIn.mfa.codeLabel")}
				required
				value={code}
				onChange={(event) => setCode(event.target.value)}
			/>
			<Button type="submit" loading={verify.isPending} className="portal-full-width">
				{t("signIn.mfa.verify")}
			</Button>
			<p className="portal-flush">
				<Button variant="link" loading={send.isPending} disabled={cooldown.secondsLeft > 0} onClick={handleSend}>
					{resendLabel}
				</Button>
			</p>
		</form>
	);
}

/** A passkey as the second factor (after the password). */
function PasskeyFactor({ onResult, onError }: FactorProps) {
	const { t } = useTranslation();
	const passkey = usePasskeySecondFactor();
	return (
		<div className="portal-stack">
			<p className="portal-flush">{t("signIn.mfa.passkeyIntro")}</p>
			{passkey.error && <ErrorAlert error={passkey.error} />}
			<Button
				className="portal-full-width"
				loading={passkey.isPending}
				onClick={() => passkey.mutate(undefined, { onSuccess: onResult, onError })}
			>
				{t("signIn.mfa.usePasskey")}
			</Button>
		</div>
	);
}
