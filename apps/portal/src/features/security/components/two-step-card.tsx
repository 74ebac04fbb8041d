import { Link } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { Badge } from "@tessera/ui/badge";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { SelectField } from "@tessera/ui/select-field";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { ErrorAlert } from "../../../components/error-alert";
import { useDateFormat } from "../../../lib/use-date-format";
import { useSetCodeChannel, useSetPreferredMethod } from "../hooks/use-mfa-settings";
import type { MfaMethod, SecurityOverview } from "../hooks/use-security-overview";
import { useRemoveTotp } from "../hooks/use-totp";
import { deadlineUrgency } from "../mfa-deadline";
import { ZSecuritySearch } from "../security-search";
import { ContactVerificationForm } from "./contact-verification-form";
import { TotpSetup } from "./totp-setup";

export const MFA_METHOD_KEYS = {
	totp: "security.mfa.methods.totp",
	passkey: "security.mfa.methods.passkey",
	sms: "security.mfa.methods.sms",
	email: "security.mfa.methods.email",
} as const satisfies Record<MfaMethod, string>;

function StatusBadge({ on }: { on: boolean }) {
	const { t } = useTranslation();
	return <Badge tone={on ? "success" : "neutral"}>{on ? t("security.mfa.on") : t("security.mfa.off")}</Badge>;
}

function MethodRow({
	title,
	status,
	description,
	actions,
	children,
}: {
	title: string;
	status: ReactNode;
	description: ReactNode;
	actions?: ReactNode;
	children?: ReactNode;
}) {
	return (
		<li className="portal-method">
			<div className="portal-row">
				<div>
					<h3 className="portal-subheading portal-inline">
						<span>{title}</span>
						{status}
					</h3>
					<div className="portal-muted portal-flush">{description}</div>
				</div>
				{actions && <span className="portal-inline">{actions}</span>}
			</div>
			{children}
		</li>
	);
}

/**
 * Two-step verification: whether it is on or required, which method sign-in asks for first, and
 * each method the organisation allows (authenticator app, passkeys, SMS, email codes).
 */
export function TwoStepCard({ overview, timeZone }: { overview: SecurityOverview; timeZone: string | null }) {
	const { t } = useTranslation();
	const { mfa } = overview;
	const format = useDateFormat(timeZone);
	const setPreferred = useSetPreferredMethod();
	const setChannel = useSetCodeChannel();
	const removeTotp = useRemoveTotp();
	const [isSettingUpTotp, setIsSettingUpTotp] = useState(false);
	const [isRemovingTotp, setIsRemovingTotp] = useState(false);
	const [verifying, setVerifying] = useState<"phone" | "email" | null>(null);
	const [notice, setNotice] = useState<string | null>(null);
	const shows = (method: MfaMethod) => mfa.allowed.includes(method) || mfa.enrolled.includes(method);
	const totpOn = mfa.enrolled.includes("totp");
	const smsOn = mfa.enrolled.includes("sms");
	const emailOn = mfa.enrolled.includes("email");
	const passkeyOn = mfa.enrolled.includes("passkey");
	const channelBusy = (channel: "sms" | "email") => setChannel.isPending && setChannel.variables?.channel === channel;

	const toggleChannel = (channel: "sms" | "email", enabled: boolean) => {
		setNotice(null);
		setChannel.mutate({ channel, enabled });
	};

	return (
		<Card title={t("security.mfa.title")} description={t("security.mfa.description")}>
			<div className="portal-stack">
				<p className="portal-inline portal-flush" data-testid="mfa-status">
					<span>{t("security.mfa.status")}</span>
					<StatusBadge on={mfa.enabled} />
					{mfa.required && <Badge tone="info">{t("security.mfa.required")}</Badge>}
				</p>
				{mfa.enrolBy ? (
					<Alert tone="warning" data-testid="mfa-deadline">
						<p>
							{deadlineUrgency(mfa.enrolBy, new Date()) === "overdue"
								? t("twoStep.deadline.overdue", { date: format.date(mfa.enrolBy) })
								: t("twoStep.deadline.setUpBy", { date: format.date(mfa.enrolBy) })}
						</p>
					</Alert>
				) : (
					mfa.required &&
					!mfa.enabled && (
						<Alert tone="warning">
							<p>{t("security.mfa.requiredButOff")}</p>
						</Alert>
					)
				)}
				{notice && <Alert tone="success" title={notice} />}
				{setPreferred.error && <ErrorAlert error={setPreferred.error} />}
				{setChannel.error && <ErrorAlert error={setChannel.error} />}
				{mfa.enrolled.length > 1 && (
					<SelectField
						label={t("security.mfa.preferred")}
						hint={t("security.mfa.preferredHint")}
						value={mfa.preferred ?? mfa.enrolled[0]}
						disabled={setPreferred.isPending}
						options={mfa.enrolled.map((method) => ({ value: method, label: t(MFA_METHOD_KEYS[method]) }))}
						onChange={(event) => {
							const method = mfa.enrolled.find((candidate) => candidate === event.target.value);
							if (method) {
								setPreferred.mutate(method);
							}
						}}
					/>
				)}
				<ul className="portal-method-list">
					{shows("totp") && (
						<MethodRow
							title={t(MFA_METHOD_KEYS.totp)}
							status={<StatusBadge on={totpOn} />}
							description={t("security.totp.description")}
							actions={
								totpOn ? (
									<Button
										variant="secondary"
										size="sm"
										onClick={() => {
											removeTotp.reset();
											setIsRemovingTotp(true);
										}}
									>
										{t("security.totp.remove")}
									</Button>
								) : (
									!isSettingUpTotp && (
										<Button variant="secondary" size="sm" onClick={() => setIsSettingUpTotp(true)}>
											{t("security.totp.setUp")}
										</Button>
									)
								)
							}
						>
							{isSettingUpTotp && !totpOn && (
								<TotpSetup
									onCancel={() => setIsSettingUpTotp(false)}
									onDone={() => {
										setIsSettingUpTotp(false);
										setNotice(t("security.totp.enabled"));
									}}
								/>
							)}
						</MethodRow>
					)}
					{shows("passkey") && (
						<MethodRow
							title={t(MFA_METHOD_KEYS.passkey)}
							status={<StatusBadge on={passkeyOn} />}
							description={t("security.mfa.passkeyDescription")}
							actions={
								// Passkeys are managed on the sign-in tab; the page moves focus to their card.
								<Link
									className="portal-link-button"
									to="/security"
									search={ZSecuritySearch.parse({ tab: "sign-in" })}
									hash="passkeys"
								>
									{t("security.mfa.managePasskeys")}
								</Link>
							}
						/>
					)}
					{shows("sms") && (
						<MethodRow
							title={t(MFA_METHOD_KEYS.sms)}
							status={<StatusBadge on={smsOn} />}
							description={
								mfa.sms.phone && mfa.sms.phoneVerified
									? t("security.mfa.smsTo", { phone: mfa.sms.phone })
									: t("security.mfa.smsNeedsPhone")
							}
							actions={
								mfa.sms.phone && mfa.sms.phoneVerified ? (
									<Button
										variant="secondary"
										size="sm"
										loading={channelBusy("sms")}
										aria-label={smsOn ? t("security.mfa.turnOffSms") : t("security.mfa.turnOnSms")}
										onClick={() => toggleChannel("sms", !smsOn)}
									>
										{smsOn ? t("security.mfa.turnOff") : t("security.mfa.turnOn")}
									</Button>
								) : (
									verifying !== "phone" && (
										<Button variant="secondary" size="sm" onClick={() => setVerifying("phone")}>
											{mfa.sms.phone ? t("security.contact.verifyPhone") : t("security.contact.addPhone")}
										</Button>
									)
								)
							}
						>
							{/* SECURITY M12: SMS is the weakest factor; say so, and point to better ones. */}
							<Alert tone="warning" role="note" className="portal-method__notice">
								<p>{t("security.mfa.smsRisk")}</p>
							</Alert>
							{verifying === "phone" && (
								<ContactVerificationForm
									mode="phone"
									currentEmail={mfa.email.email}
									initialValue={mfa.sms.phone ?? ""}
									timeZone={timeZone}
									onCancel={() => setVerifying(null)}
									onDone={() => {
										setVerifying(null);
										setNotice(t("security.contact.phoneConfirmed"));
									}}
								/>
							)}
						</MethodRow>
					)}
					{shows("email") && (
						<MethodRow
							title={t(MFA_METHOD_KEYS.email)}
							status={<StatusBadge on={emailOn} />}
							description={
								mfa.email.email && mfa.email.emailVerified
									? t("security.mfa.emailTo", { email: mfa.email.email })
									: t("security.mfa.emailNeedsVerification")
							}
							actions={
								mfa.email.email && mfa.email.emailVerified ? (
									<Button
										variant="secondary"
										size="sm"
										loading={channelBusy("email")}
										aria-label={emailOn ? t("security.mfa.turnOffEmail") : t("security.mfa.turnOnEmail")}
										onClick={() => toggleChannel("email", !emailOn)}
									>
										{emailOn ? t("security.mfa.turnOff") : t("security.mfa.turnOn")}
									</Button>
								) : (
									mfa.email.email &&
									verifying !== "email" && (
										<Button variant="secondary" size="sm" onClick={() => setVerifying("email")}>
											{t("security.contact.verifyEmail")}
										</Button>
									)
								)
							}
						>
							{verifying === "email" && (
								<ContactVerificationForm
									mode="verifyEmail"
									currentEmail={mfa.email.email}
									timeZone={timeZone}
									onCancel={() => setVerifying(null)}
									onDone={() => {
										setVerifying(null);
										setNotice(t("security.contact.emailVerified"));
									}}
								/>
							)}
						</MethodRow>
					)}
				</ul>
			</div>
			<ConfirmDialog
				open={isRemovingTotp}
				title={t("security.totp.removeTitle")}
				description={t("security.totp.removeBody")}
				confirmLabel={t("security.totp.remove")}
				tone="danger"
				isPending={removeTotp.isPending}
				error={removeTotp.error}
				onCancel={() => setIsRemovingTotp(false)}
				onConfirm={() => removeTotp.mutate(undefined, { onSuccess: () => setIsRemovingTotp(false) })}
			/>
		</Card>
	);
}
