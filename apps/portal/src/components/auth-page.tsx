import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitcher } from "../features/i18n/components/language-switcher";

/**
 * The frame of the pages people see before they are signed in (sign-in, forgot password, reset,
 * invitation): the product name, the page's one card, and the language switch.
 */
export function AuthPage({ children, footer }: { children: ReactNode; footer?: ReactNode }) {
	const { t } = useTranslation();
	return (
		<div className="portal-auth-page">
			<div className="portal-auth-page__inner">
				<header>
					<p className="portal-brand">{t("app.name")}</p>
				</header>
				<main>{children}</main>
				<footer className="portal-stack portal-stack--sm">
					<LanguageSwitcher className="portal-auth-page__language" />
					{footer}
				</footer>
			</div>
		</div>
	);
}
