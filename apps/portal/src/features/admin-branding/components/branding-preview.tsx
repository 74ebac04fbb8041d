import { accentPalette, THEMES } from "@tessera/core/tenants/accent-palette";
import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";

/**
 * How the draft will look, in both themes side by side whatever theme the page is in: the header's
 * brand, a primary button and a link, in the shades core derives (`accentPalette`, the same
 * function the API answers with), and a note where a shade had to differ from the chosen colour.
 * Nothing in it is interactive: it is a picture of the result, not a second form.
 */
export function BrandingPreview({
	name,
	accentColor,
	logoUrl,
}: {
	name: string;
	accentColor: string | null;
	logoUrl: string | null;
}) {
	const { t } = useTranslation();
	const palette = accentColor ? accentPalette(accentColor) : null;
	// The page's accent is the saved one; the preview works its own out (styles.css `.ui-accent-scope`),
	// from the draft's shades, or from the product's own (`initial`) without a colour.
	const accent = {
		"--ui-brand-accent-light": palette?.light.accent ?? "initial",
		"--ui-brand-accent-hover-light": palette?.light.accentHover ?? "initial",
		"--ui-brand-accent-dark": palette?.dark.accent ?? "initial",
		"--ui-brand-accent-hover-dark": palette?.dark.accentHover ?? "initial",
	} as CSSProperties;
	return (
		<div className="admin-branding-preview ui-accent-scope" style={accent}>
			{THEMES.map((theme) => {
				const shade = palette?.[theme];
				return (
					<figure key={theme} className="admin-branding-preview__theme" style={{ colorScheme: theme }}>
						<figcaption className="admin-branding-preview__caption">{t(`adminBranding.preview.${theme}`)}</figcaption>
						<div className="admin-branding-preview__header">
							<span className="portal-brand-mark">
								{logoUrl && <img className="portal-brand-mark__logo" src={logoUrl} alt="" />}
								<span className="portal-brand-mark__name">{name.trim() || t("app.name")}</span>
							</span>
						</div>
						<div className="admin-branding-preview__body">
							<span className="ui-button ui-button--primary">{t("adminBranding.preview.button")}</span>
							<span className="admin-branding-preview__link">{t("adminBranding.preview.link")}</span>
						</div>
						{shade?.adjusted && (
							<p className="admin-branding-preview__note">{t(`adminBranding.preview.adjusted.${theme}`)}</p>
						)}
					</figure>
				);
			})}
		</div>
	);
}
