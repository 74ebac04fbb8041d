import { createLazyRoute, getRouteApi, useLocation } from "@tanstack/react-router";
import { Spinner } from "@tessera/ui/spinner";
import { Tabs } from "@tessera/ui/tabs";
import { useEffect } from "react";
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
import { SECURITY_TABS, ZSecuritySearch } from "../features/security/security-search";

// getRouteApi, not an import of ./security: the lazy chunk must not pull the route file back in.
const securityRoute = getRouteApi("/_authed/security");

export const route = createLazyRoute("/_authed/security")({ component: SecurityPage });

function SecurityPage() {
	const { t } = useTranslation();
	const me = useMe();
	const overview = useSecurityOverview();
	const { tab = SECURITY_TABS[0] } = securityRoute.useSearch();
	const navigate = securityRoute.useNavigate();
	const hash = useLocation({ select: (location) => location.hash });
	const isReady = overview.data !== undefined;

	// A link to a card in another tab (`?tab=sign-in#passkeys`) hid the link itself: focus moves to
	// the card, so keyboard and screen reader users land where the link pointed, not on <body>.
	useEffect(() => {
		if (isReady && hash) {
			document.getElementById(hash)?.focus();
		}
	}, [isReady, hash, tab]);

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
					<Tabs
						label={t("twoStep.tabs.label")}
						selected={tab}
						onSelect={(next) =>
							// Replace, not push: tabs are views of one page, and arrowing through them must not
							// leave an entry per tab. Back still returns to the tab that was open when the page was left.
							void navigate({ search: ZSecuritySearch.parse({ tab: next }), replace: true, resetScroll: false })
						}
						tabs={[
							{
								id: "sign-in",
								label: t("twoStep.tabs.signIn"),
								panel: (
									<div className="portal-stack portal-stack--lg">
										<PasswordCard me={me} overview={overview.data} />
										<PasskeysCard timeZone={me.timeZone} />
									</div>
								),
							},
							{
								id: "two-step",
								label: t("twoStep.tabs.twoStep"),
								panel: (
									<div className="portal-stack portal-stack--lg">
										<TwoStepCard overview={overview.data} timeZone={me.timeZone} />
										<ContactCard overview={overview.data} timeZone={me.timeZone} />
										<RecoveryCodesCard overview={overview.data} />
									</div>
								),
							},
							{
								id: "sessions",
								label: t("twoStep.tabs.sessions"),
								panel: <SessionsCard timeZone={me.timeZone} />,
							},
						]}
					/>
				</NewRecoveryCodesProvider>
			)}
		</div>
	);
}
