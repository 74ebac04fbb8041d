import { createRoute } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { AcceptInvitationCard } from "../features/admin-invitations/components/accept-invitation";
import { readInvitationToken, withoutFragment } from "../features/admin-invitations/invitation-token";
import { LanguageSwitcher } from "../features/i18n/components/language-switcher";
import { rootRoute } from "./root";

/**
 * Where the invitation email's link lands (`/invitation#token=…`): public, since the invited
 * person has no password yet. The token stays in the fragment so it never reaches server logs.
 */
export const invitationRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/invitation",
	component: InvitationPage,
});

function InvitationPage() {
	const { t } = useTranslation();
	// Read before the fragment is removed below.
	const [token, setToken] = useState(() => readInvitationToken(window.location.hash));

	useEffect(() => {
		// The token must not stay in the address bar: not in the history, a bookmark, a shared
		// screen, or a link copied from here. The page keeps it in memory only.
		const removeFragment = () => {
			if (window.location.hash) {
				window.history.replaceState(window.history.state, "", withoutFragment(window.location));
			}
		};
		removeFragment();
		// Another invitation link opened in this tab changes only the fragment: no page load.
		const handleHashChange = () => {
			const next = readInvitationToken(window.location.hash);
			if (next) {
				setToken(next);
			}
			removeFragment();
		};
		window.addEventListener("hashchange", handleHashChange);
		return () => window.removeEventListener("hashchange", handleHashChange);
	}, []);

	return (
		<div className="portal-auth-page">
			<div className="portal-auth-page__inner">
				<p className="portal-brand">{t("app.name")}</p>
				<main>
					{/* A new token starts over: a fresh lookup, an empty form. */}
					<AcceptInvitationCard key={token ?? ""} token={token} />
				</main>
				<LanguageSwitcher className="portal-auth-page__language" />
			</div>
		</div>
	);
}
