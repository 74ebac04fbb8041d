import { createRoute } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { LanguageSwitcher } from "../features/i18n/components/language-switcher";
import { ForgotPasswordCard } from "../features/password-reset/components/forgot-password";
import { rootRoute } from "./root";

/** "Forgot password?": public, asks for the organisation and the address and mails a reset link. */
export const forgotPasswordRoute = createRoute({
	getParentRoute: () => rootRoute,
	path: "/forgot-password",
	loader: ({ context }) => context.trpcUtils.auth.config.prefetch(),
	component: ForgotPasswordPage,
});

function ForgotPasswordPage() {
	const { t } = useTranslation();
	return (
		<div className="portal-auth-page">
			<div className="portal-auth-page__inner">
				<p className="portal-brand">{t("app.name")}</p>
				<main>
					<ForgotPasswordCard />
				</main>
				<LanguageSwitcher className="portal-auth-page__language" />
			</div>
		</div>
	);
}
