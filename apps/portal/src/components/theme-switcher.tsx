import { ThemeSelect } from "@tessera/ui/theme-select";
import { useTranslation } from "react-i18next";

/** The theme choice (System, Light, Dark) in the reader's language; remembered in this browser. */
export function ThemeSwitcher({ className }: { className?: string }) {
	const { t } = useTranslation();
	return (
		<ThemeSelect
			className={className}
			label={t("theme.label")}
			choiceLabels={{ system: t("theme.system"), light: t("theme.light"), dark: t("theme.dark") }}
		/>
	);
}
