import { Alert } from "@tessera/ui/alert";
import { Badge } from "@tessera/ui/badge";
import { Button } from "@tessera/ui/button";
import { Card } from "@tessera/ui/card";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { SecurityOverview } from "../hooks/use-security-overview";
import { ContactVerificationForm, type ContactVerificationMode } from "./contact-verification-form";

function VerifiedBadge({ verified }: { verified: boolean }) {
	const { t } = useTranslation();
	return (
		<Badge tone={verified ? "success" : "warning"}>
			{verified ? t("profile.emailVerified") : t("profile.emailNotVerified")}
		</Badge>
	);
}

/** Email address and mobile number: verify them, or change them by a code sent to the new one. */
export function ContactCard({ overview, timeZone }: { overview: SecurityOverview; timeZone: string | null }) {
	const { t } = useTranslation();
	const [mode, setMode] = useState<ContactVerificationMode | null>(null);
	const [doneMessage, setDoneMessage] = useState<string | null>(null);
	const { email, emailVerified } = overview.mfa.email;
	const { phone, phoneVerified } = overview.mfa.sms;

	const open = (next: ContactVerificationMode) => {
		setDoneMessage(null);
		setMode(next);
	};

	const form = (forMode: ContactVerificationMode) =>
		mode === forMode && (
			<ContactVerificationForm
				mode={forMode}
				currentEmail={email}
				initialValue={forMode === "phone" && phone && !phoneVerified ? phone : ""}
				timeZone={timeZone}
				onCancel={() => setMode(null)}
				onDone={() => {
					setMode(null);
					setDoneMessage(
						t(
							forMode === "phone"
								? "security.contact.phoneConfirmed"
								: forMode === "changeEmail"
									? "security.contact.emailChanged"
									: "security.contact.emailVerified",
						),
					);
				}}
			/>
		);

	return (
		<Card id="contact" title={t("security.contact.title")} description={t("security.contact.description")}>
			<div className="portal-stack">
				{doneMessage && <Alert tone="success" title={doneMessage} />}
				<div className="portal-row">
					<div>
						<p className="portal-row__label">{t("profile.email")}</p>
						<p className="portal-inline portal-flush">
							<span>{email ?? t("profile.notSet")}</span>
							{email && <VerifiedBadge verified={emailVerified} />}
						</p>
					</div>
					{mode === null && (
						<span className="portal-inline">
							{email && !emailVerified && (
								<Button variant="secondary" size="sm" onClick={() => open("verifyEmail")}>
									{t("security.contact.verifyEmail")}
								</Button>
							)}
							<Button variant="secondary" size="sm" onClick={() => open("changeEmail")}>
								{t("security.contact.changeEmail")}
							</Button>
						</span>
					)}
				</div>
				{form("verifyEmail")}
				{form("changeEmail")}
				<div className="portal-row">
					<div>
						<p className="portal-row__label">{t("profile.phone")}</p>
						<p className="portal-inline portal-flush">
							<span>{phone ?? t("profile.notSet")}</span>
							{phone && <VerifiedBadge verified={phoneVerified} />}
						</p>
					</div>
					{mode === null && (
						<Button variant="secondary" size="sm" onClick={() => open("phone")}>
							{phone
								? phoneVerified
									? t("security.contact.changePhone")
									: t("security.contact.verifyPhone")
								: t("security.contact.addPhone")}
						</Button>
					)}
				</div>
				{form("phone")}
			</div>
		</Card>
	);
}
