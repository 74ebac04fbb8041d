import type { PasswordViolation } from "@tessera/core/passwords/password-rules";
import { Alert } from "@tessera/ui/alert";
import { useTranslation } from "react-i18next";
import { describeViolation } from "../password-violations";

/** Every reason the server gave for refusing the new password, as a list next to the fields. */
export function PasswordViolationsAlert({ violations }: { violations: readonly PasswordViolation[] }) {
	const { t, i18n } = useTranslation();
	const locale = i18n.resolvedLanguage ?? i18n.language;
	return (
		<Alert tone="error" title={t("passwordRules.refusedTitle")}>
			<ul className="portal-list">
				{violations.map((violation) => (
					<li key={violation.code}>{describeViolation(violation, t, locale)}</li>
				))}
			</ul>
		</Alert>
	);
}
