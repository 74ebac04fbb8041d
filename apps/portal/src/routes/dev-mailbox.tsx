import { createRoute, Link } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { Spinner } from "@tessera/ui/spinner";
import { TextField } from "@tessera/ui/text-field";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../components/error-alert";
import { useAuthConfig } from "../features/auth/hooks/use-auth-config";
import { MailboxList } from "../features/dev/components/mailbox-list";
import { useDevMailbox } from "../features/dev/hooks/use-dev-mailbox";
import { LanguageSwitcher } from "../features/i18n/components/language-switcher";
import { useDateFormat } from "../lib/use-date-format";
import { rootRoute } from "./root";

interface MailboxSearch {
	tenant?: string;
}

/** Development only: what Tessera would have sent, readable without a mail server. No sign-in needed. */
export const devMailboxRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/dev/mailbox",
	validateSearch: (search: Record<string, unknown>): MailboxSearch => ({
		tenant: typeof search.tenant === "string" && search.tenant.length <= 63 ? search.tenant : undefined,
	}),
	component: DevMailboxPage,
});

function DevMailboxPage() {
	const { t } = useTranslation();
	const search = devMailboxRoute.useSearch();
	const config = useAuthConfig();
	const [typed, setTyped] = useState<string | null>(null);
	const tenant = (typed ?? search.tenant ?? config.defaultTenant ?? "").trim().toLowerCase();
	const mailbox = useDevMailbox(tenant);
	const format = useDateFormat();

	return (
		<div className="portal-page">
			<header className="portal-page-header portal-stack">
				<p className="portal-inline portal-flush">
					<Link to="/sign-in">{t("devMailbox.backToSignIn")}</Link>
				</p>
				<h1>{t("devMailbox.title")}</h1>
				<p className="portal-muted">{t("devMailbox.subtitle")}</p>
			</header>
			<main className="portal-stack">
				<TextField
					className="portal-narrow-field"
					label={t("signIn.organisation")}
					name="organization"
					autoCapitalize="none"
					spellCheck={false}
					value={typed ?? search.tenant ?? config.defaultTenant ?? ""}
					onChange={(event) => setTyped(event.target.value)}
				/>
				{mailbox.isDisabled ? (
					<Alert tone="info">
						<p>{t("devMailbox.disabled")}</p>
					</Alert>
				) : mailbox.error ? (
					<ErrorAlert error={mailbox.error} />
				) : mailbox.isPending ? (
					<Spinner label={t("app.loading")} />
				) : mailbox.messages.length === 0 ? (
					<p className="portal-muted">{t("devMailbox.empty")}</p>
				) : (
					<MailboxList messages={mailbox.messages} />
				)}
				{mailbox.dataUpdatedAt > 0 && (
					<p className="portal-muted portal-flush" aria-live="off">
						{t("devMailbox.updated", { time: format.dateTime(new Date(mailbox.dataUpdatedAt)) })}
					</p>
				)}
				<LanguageSwitcher className="portal-narrow-field" />
			</main>
		</div>
	);
}
