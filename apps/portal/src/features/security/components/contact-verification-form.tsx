import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { CodeField } from "@tessera/ui/code-field";
import { TextField } from "@tessera/ui/text-field";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { readApiError } from "../../../lib/errors";
import { useCountdown } from "../../../lib/use-countdown";
import { useDateFormat } from "../../../lib/use-date-format";
import {
	useConfirmEmail,
	useConfirmPhone,
	useRequestEmailChange,
	useRequestPhoneChange,
	useSendEmailVerification,
} from "../hooks/use-contact";

/** Any organisation's resend cooldown is at least this long (SECURITY §4); a longer one comes from the server. */
const MIN_RESEND_COOLDOWN_SECONDS = 30;

export type ContactVerificationMode = "verifyEmail" | "changeEmail" | "phone";

export interface ContactVerificationFormProps {
	mode: ContactVerificationMode;
	/** The current address, for "verify" (where the code goes). */
	currentEmail: string | null;
	/** Pre-filled into the address or number field, e.g. an unverified number to confirm. */
	initialValue?: string;
	timeZone: string | null;
	onDone: () => void;
	/** Offers a Cancel button when set. */
	onCancel?: () => void;
}

/**
 * Proves an email address or mobile number by a code sent to it: enter the new address or
 * number (or use the current address), send, then type the code. Nothing changes until the code
 * is confirmed; the old address or number is told (SECURITY L10, M12).
 */
export function ContactVerificationForm({
	mode,
	currentEmail,
	initialValue = "",
	timeZone,
	onDone,
	onCancel,
}: ContactVerificationFormProps) {
	const { t } = useTranslation();
	const format = useDateFormat(timeZone);
	const sendVerification = useSendEmailVerification();
	const requestEmail = useRequestEmailChange();
	const requestPhone = useRequestPhoneChange();
	const confirmEmail = useConfirmEmail();
	const confirmPhone = useConfirmPhone();
	const cooldown = useCountdown();
	const [value, setValue] = useState(initialValue);
	const [code, setCode] = useState("");
	const [sent, setSent] = useState<{ to: string; expiresAt: Date } | null>(null);
	const codeRef = useRef<HTMLInputElement>(null);

	const send = mode === "phone" ? requestPhone : mode === "changeEmail" ? requestEmail : sendVerification;
	const confirm = mode === "phone" ? confirmPhone : confirmEmail;
	const destination = mode === "verifyEmail" ? (currentEmail ?? "") : value.trim();
	const fieldName = mode === "phone" ? "phone" : "email";
	const invalidField = send.error ? readApiError(send.error).fieldIssues[fieldName] !== undefined : false;

	const sendCode = () => {
		confirm.reset();
		const options = {
			onSuccess: (answer: { expiresAt: Date }) => {
				setSent({ to: destination, expiresAt: answer.expiresAt });
				cooldown.start(MIN_RESEND_COOLDOWN_SECONDS);
				requestAnimationFrame(() => codeRef.current?.focus());
			},
			onError: (error: Error) => {
				const wait = readApiError(error).details.retryAfterSeconds;
				if (wait !== null) {
					cooldown.start(wait);
				}
			},
		};
		if (mode === "phone") {
			requestPhone.mutate(destination, options);
		} else if (mode === "changeEmail") {
			requestEmail.mutate(destination, options);
		} else {
			sendVerification.mutate(undefined, options);
		}
	};

	const handleSend = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		sendCode();
	};

	const handleConfirm = (event: FormEvent<HTMLFormElement>) => {
		event.preventDefault();
		confirm.mutate(code.replace(/\D/g, ""), {
			onSuccess: onDone,
			onError: () => {
				setCode("");
				codeRef.current?.focus();
			},
		});
	};

	const resendLabel =
		cooldown.secondsLeft > 0 ? t("signIn.mfa.resendIn", { seconds: cooldown.secondsLeft }) : t("signIn.mfa.resend");

	if (sent === null) {
		return (
			<form className="portal-stack portal-panel" onSubmit={handleSend} noValidate>
				{mode === "verifyEmail" && (
					<p className="portal-flush">{t("security.contact.verifyIntro", { email: destination })}</p>
				)}
				{mode === "phone" && (
					<TextField
						label={t("security.contact.newPhone")}
						hint={t("profile.phoneHint")}
						name="phone"
						type="tel"
						inputMode="tel"
						autoComplete="tel"
						placeholder="+31612345678"
						required
						value={value}
						onChange={(event) => setValue(event.target.value)}
						error={invalidField ? t("fieldErrors.phone") : undefined}
					/>
				)}
				{mode === "changeEmail" && (
					<TextField
						label={t("security.contact.newEmail")}
						hint={t("security.contact.newEmailHint")}
						name="email"
						type="email"
						inputMode="email"
						autoComplete="email"
						autoCapitalize="none"
						spellCheck={false}
						required
						value={value}
						onChange={(event) => setValue(event.target.value)}
						error={invalidField ? t("security.contact.emailInvalid") : undefined}
					/>
				)}
				{send.error && !invalidField && <ErrorAlert error={send.error} />}
				<div className="portal-form-actions">
					{onCancel && (
						<Button variant="secondary" onClick={onCancel}>
							{t("common.cancel")}
						</Button>
					)}
					<Button type="submit" loading={send.isPending} disabled={cooldown.secondsLeft > 0}>
						{cooldown.secondsLeft > 0 ? resendLabel : t("signIn.mfa.sendCode")}
					</Button>
				</div>
			</form>
		);
	}

	return (
		<form className="portal-stack portal-panel" onSubmit={handleConfirm} noValidate>
			<Alert tone="info">
				<p>
					{t(mode === "phone" ? "security.contact.sentSms" : "security.contact.sentEmail", {
						destination: sent.to,
						time: format.dateTime(sent.expiresAt),
					})}
				</p>
			</Alert>
			{send.error && <ErrorAlert error={send.error} />}
			{confirm.error && <ErrorAlert error={confirm.error} />}
			<CodeField
				ref={codeRef}
				label={t("signIn.mfa.codeLabel")}
				required
				value={code}
				onChange={(event) => setCode(event.target.value)}
			/>
			<div className="portal-form-actions portal-form-actions--spread">
				<span className="portal-inline">
					<Button variant="link" disabled={cooldown.secondsLeft > 0} loading={send.isPending} onClick={sendCode}>
						{resendLabel}
					</Button>
					{mode !== "verifyEmail" && (
						<Button
							variant="link"
							onClick={() => {
								setSent(null);
								setCode("");
								confirm.reset();
							}}
						>
							{t(mode === "phone" ? "security.contact.otherPhone" : "security.contact.otherEmail")}
						</Button>
					)}
				</span>
				<span className="portal-inline">
					{onCancel && (
						<Button variant="secondary" onClick={onCancel}>
							{t("common.cancel")}
						</Button>
					)}
					<Button type="submit" loading={confirm.isPending}>
						{t("security.contact.confirm")}
					</Button>
				</span>
			</div>
		</form>
	);
}
