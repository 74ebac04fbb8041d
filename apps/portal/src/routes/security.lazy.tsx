import { createLazyRoute } from "@tanstack/react-router";
import { Spinner } from "@tessera/ui/spinner";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../components/error-alert";
import { useMe } from "../features/profile/hooks/use-me";
import { ContactCard } from "../features/security/components/contact-card";
import { NewRecoveryCodesProvider } from "../features/security/components/new-recovery-codes";
import { PasskeysCard } from "../features/security/components/passkeys-card";
import { PasswordCard } from "../features/security/components/password-card";
import { RecoveryCodesCard } from "../features/security/components/recovery-codes-card";
import { SessionsCard } from "../features/security/components/sessions-card";
import { TwoStepCard } from "../features/security/components/two-step-card";
import { useSecurityOverview } from "../features/security/hooks/use-security-overview";

export const route = createLazyRoute("/_authed/security")({ component: SecurityPage });

function SecurityPage() {
	const { t } = useTranslation();
	const me = useMe();
	const overview = useSecurityOverview();

	return (
		<div className="portal-stack portal-stack--lg">
			<header className="portal-page-header">
				<h1>{t("security.title")}</h1>
				<p className="portal-muted">{t("security.subtitle")}</p>
			</header>
			{overview.isPending && <Spinner label={t("app.loading")} />}
			{overview.error && <ErrorAlert error={overview.error} />}
			{overview.data && (
				<NewRecoveryCodesProvider>
					<PasswordCard me={me} overview={overview.data} />
					<TwoStepCard overview={overview.data} timeZone={me.timeZone} />
					<PasskeysCard timeZone={me.timeZone} />
					<RecoveryCodesCard overview={overview.data} />
					<ContactCard overview={overview.data} timeZone={me.timeZone} />
					<SessionsCard timeZone={me.timeZone} />
				</NewRecoveryCodesProvider>
			)}
		</div>
	);
}
