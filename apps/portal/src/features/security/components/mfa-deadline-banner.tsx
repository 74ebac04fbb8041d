import { Link } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "../../../lib/use-date-format";
import { useSecurityOverview } from "../hooks/use-security-overview";
import { deadlineUrgency } from "../mfa-deadline";

/**
 * The shell's reminder that two-step verification is due: shown from three days before the
 * organisation's deadline, and once it has passed. Nothing while the overview loads or fails:
 * the page itself reports errors.
 */
export function MfaDeadlineBanner({
	timeZone,
	canOpenSecurity,
}: {
	timeZone: string | null;
	canOpenSecurity: boolean;
}) {
	const { t } = useTranslation();
	const overview = useSecurityOverview();
	const format = useDateFormat(timeZone);
	const enrolBy = overview.data?.mfa.enrolBy ?? null;
	if (!enrolBy) {
		return null;
	}
	const urgency = deadlineUrgency(enrolBy, new Date());
	if (urgency === "later") {
		return null;
	}
	const date = format.date(enrolBy);
	return (
		<Alert
			tone={urgency === "overdue" ? "error" : "warning"}
			// A reminder on every page, not news: announce it politely.
			role="status"
			className="portal-page-alert"
			data-testid="mfa-deadline-banner"
			action={
				canOpenSecurity ? (
					<Link className="portal-link-button" to="/security" search={{ tab: "two-step" }}>
						{t("twoStep.deadline.bannerLink")}
					</Link>
				) : undefined
			}
		>
			<p>
				{urgency === "overdue"
					? t("twoStep.deadline.bannerOverdue", { date })
					: t("twoStep.deadline.bannerSoon", { date })}
			</p>
		</Alert>
	);
}
