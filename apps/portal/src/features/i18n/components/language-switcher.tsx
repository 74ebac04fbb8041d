import { SelectField } from "@tessera/ui/select-field";
import { useTranslation } from "react-i18next";
import { changeLanguage } from "../../../i18n/i18n";
import { matchLanguage, SUPPORTED_LANGUAGES } from "../../../i18n/languages";

/** Lets a visitor pick the UI language before signing in; the choice is remembered. */
export function LanguageSwitcher({ className }: { className?: string }) {
	const { t, i18n } = useTranslation();
	return (
		<SelectField
			className={className}
			label={t("language.label")}
			value={matchLanguage(i18n.resolvedLanguage) ?? "en"}
			options={SUPPORTED_LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
			onChange={(event) => {
				const language = matchLanguage(event.target.value);
				if (language) {
					void changeLanguage(language, { remember: true });
				}
			}}
		/>
	);
}
