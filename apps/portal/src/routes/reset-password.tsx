import { createRoute } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { readInvitationToken, withoutFragment } from "../features/admin-invitations/invitation-token";
import { LanguageSwitcher } from "../features/i18n/components/language-switcher";
import { ResetPasswordCard } from "../features/password-reset/components/reset-password";
import { rootRoute } from "./root";

/**
 * Where the reset email's link lands (`/reset-password#token=…`): public. The token stays in the
 * fragment so it never reaches server logs; links carry it the way invitation links do, so the
 * same reader takes it out.
 */
export const resetPasswordRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/reset-password",
	component: ResetPasswordPage,
});

function ResetPasswordPage() {
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
		// Another reset link opened in this tab changes only the fragment: no page load.
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
					<ResetPasswordCard key={token ?? ""} token={token} />
				</main>
				<LanguageSwitcher className="portal-auth-page__language" />
			</div>
		</div>
	);
}
