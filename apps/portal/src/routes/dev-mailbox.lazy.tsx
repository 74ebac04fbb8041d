import { createLazyRoute, getRouteApi, Link } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { ListPage } from "@tessera/ui/list-page";
import { TextField } from "@tessera/ui/text-field";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../components/error-alert";
import { useAuthConfig } from "../features/auth/hooks/use-auth-config";
import { MailboxList } from "../features/dev/components/mailbox-list";
import { useDevMailbox } from "../features/dev/hooks/use-dev-mailbox";
import { LanguageSwitcher } from "../features/i18n/components/language-switcher";
import { useDateFormat } from "../lib/use-date-format";

// getRouteApi, not an import of ./dev-mailbox: the lazy chunk must not pull the route file back in.
const devMailboxRoute = getRouteApi("/dev/mailbox");

export const route = createLazyRoute("/dev/mailbox")({ component: DevMailboxPage });

function DevMailboxPage() {
	const { t } = useTranslation();
	const search = devMailboxRoute.useSearch();
	const { timeZone } = devMailboxRoute.useRouteContext();
	const config = useAuthConfig();
	const [typed, setTyped] = useState<string | null>(null);
	const tenant = (typed ?? search.tenant ?? config.defaultTenant ?? "").trim().toLowerCase();
	const mailbox = useDevMailbox(tenant);
	const format = useDateFormat(timeZone);

	return (
		<div className="portal-page">
			<p className="portal-inline portal-flush">
				<Link to="/sign-in">{t("devMailbox.backToSignIn")}</Link>
			</p>
			<main>
				<ListPage
					title={t("devMailbox.title")}
					description={t("devMailbox.subtitle")}
					filters={
						<TextField
							className="portal-narrow-field"
							label={t("signIn.organisation")}
							name="organization"
							autoCapitalize="none"
							spellCheck={false}
							value={typed ?? search.tenant ?? config.defaultTenant ?? ""}
							onChange={(event) => setTyped(event.target.value)}
						/>
					}
					notice={
						mailbox.isDisabled && (
							<Alert tone="info">
								<p>{t("devMailbox.disabled")}</p>
							</Alert>
						)
					}
					isLoading={!mailbox.isDisabled && !mailbox.error && mailbox.isPending}
					loadingLabel={t("app.loading")}
					error={!mailbox.isDisabled && mailbox.error && <ErrorAlert error={mailbox.error} />}
					isEmpty={mailbox.isDisabled || mailbox.messages.length === 0}
					empty={!mailbox.isDisabled && <p className="portal-muted">{t("devMailbox.empty")}</p>}
					pagination={
						<>
							{mailbox.dataUpdatedAt > 0 && (
								<p className="portal-muted portal-flush" aria-live="off">
									{t("devMailbox.updated", { time: format.dateTime(new Date(mailbox.dataUpdatedAt)) })}
								</p>
							)}
							<LanguageSwitcher className="portal-narrow-field" />
						</>
					}
				>
					<MailboxList messages={mailbox.messages} timeZone={timeZone} />
				</ListPage>
			</main>
		</div>
	);
}
