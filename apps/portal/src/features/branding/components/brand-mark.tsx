import { useTranslation } from "react-i18next";
import { type Branding, useApplyBranding } from "../hooks/use-branding";

/**
 * The organisation's logo and name where the product's name would stand (the shell's header, the
 * sign-in page), and its accent on the whole page. The name is the text; the logo beside it is
 * decoration (empty alt), so a screen reader hears the name once.
 */
export function BrandMark({ branding, className }: { branding: Branding | null; className?: string }) {
	const { t } = useTranslation();
	const productName = t("app.name");
	useApplyBranding(branding, productName);
	return (
		<span className={["portal-brand-mark", className].filter(Boolean).join(" ")}>
			{branding?.logo && <img className="portal-brand-mark__logo" src={branding.logo.url} alt="" decoding="async" />}
			<span className="portal-brand-mark__name" data-testid="brand-name">
				{branding?.name ?? productName}
			</span>
		</span>
	);
}
