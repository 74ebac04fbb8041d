import type { ReactNode } from "react";
import { BrandMark } from "../features/branding/components/brand-mark";
import { useBranding } from "../features/branding/hooks/use-branding";
import { LanguageSwitcher } from "../features/i18n/components/language-switcher";
import { ThemeSwitcher } from "./theme-switcher";

/**
 * The frame of the pages people see before they are signed in (sign-in, forgot password, reset,
 * invitation): the organisation's brand (the default organisation's, which the sign-in page signs
 * in to; the product's own without one), the page's one card, and the language and theme choices.
 */
export function AuthPage({ children, footer }: { children: ReactNode; footer?: ReactNode }) {
	const branding = useBranding();
	return (
		<div className="portal-auth-page">
			<div className="portal-auth-page__inner">
				<header>
					<p className="portal-brand">
						<BrandMark branding={branding} />
					</p>
				</header>
				<main>{children}</main>
				<footer className="portal-stack portal-stack--sm">
					<LanguageSwitcher className="portal-auth-page__language" />
					<ThemeSwitcher className="portal-auth-page__language" />
					{footer}
				</footer>
			</div>
		</div>
	);
}
