import { createRoute, useRouter } from "@tanstack/react-router";
import { Card } from "@tessera/ui/card";
import { Spinner } from "@tessera/ui/spinner";
import { useTranslation } from "react-i18next";
import { SignInForm } from "../features/auth/components/sign-in-form";
import { useAuthConfig } from "../features/auth/hooks/use-auth-config";
import { LanguageSwitcher } from "../features/i18n/components/language-switcher";
import { safeRedirectPath } from "../lib/redirect";
import { rootRoute } from "./root";

interface SignInSearch {
	/** Where to go after signing in (a same-origin path); defaults to the profile. */
	redirect?: string;
}

export const signInRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/sign-in",
	validateSearch: (search: Record<string, unknown>): SignInSearch => ({ redirect: safeRedirectPath(search.redirect) }),
	// Prefetch the default organisation so the form does not jump when it arrives. A failure is
	// fine: the form then asks for the organisation.
	loader: ({ context }) => context.trpcUtils.auth.config.prefetch(),
	component: SignInPage,
});

function SignInPage() {
	const { t } = useTranslation();
	const router = useRouter();
	const search = signInRoute.useSearch();
	const config = useAuthConfig();

	return (
		<div className="portal-auth-page">
			<div className="portal-auth-page__inner">
				<p className="portal-brand">{t("app.name")}</p>
				<main>
					<Card title={t("signIn.title")} headingLevel={2} description={t("signIn.subtitle")}>
						{config.isPending ? (
							<Spinner label={t("app.loading")} />
						) : (
							<SignInForm
								defaultTenant={config.defaultTenant}
								onSignedIn={() => {
									// The redirect target was checked to be a same-origin path by validateSearch.
									if (search.redirect) {
										router.history.push(search.redirect);
									} else {
										void router.navigate({ to: "/" });
									}
								}}
							/>
						)}
					</Card>
				</main>
				<LanguageSwitcher className="portal-auth-page__language" />
			</div>
		</div>
	);
}
