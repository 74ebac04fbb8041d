import { Link } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { forgetResetDone, isResetDone } from "../reset-done-note";

/** "Forgot password?" under the sign-in form's password field. */
export function ForgotPasswordLink() {
	const { t } = useTranslation();
	return (
		<p className="portal-flush">
			<Link to="/forgot-password">{t("passwordReset.forgotLink")}</Link>
		</p>
	);
}

/** Shown once on the sign-in page right after a reset: sign in with the new password (and second step). */
export function PasswordResetDoneNote() {
	const { t } = useTranslation();
	const [isShown] = useState(isResetDone);
	useEffect(() => {
		// Forgotten once shown, so a reload or a later visit does not repeat it.
		forgetResetDone();
	}, []);
	if (!isShown) {
		return null;
	}
	return (
		<Alert tone="success" title={t("passwordReset.doneTitle")}>
			<p>{t("passwordReset.doneBody")}</p>
		</Alert>
	);
}

/**
 * On the second-factor step after a reset by email link: why email is not offered (the mailbox
 * already chose the password) and what to use instead (SECURITY A17).
 */
export function EmailHeldBackNote() {
	const { t } = useTranslation();
	return (
		<Alert tone="info" title={t("passwordReset.emailHeldBackTitle")}>
			<p>{t("passwordReset.emailHeldBackBody")}</p>
		</Alert>
	);
}
