import { DateField } from "@tessera/ui/date-field";
import { useTranslation } from "react-i18next";

export interface LocalDateFieldProps {
	label: string;
	/** The day as YYYY-MM-DD (what the URL keeps), or "" for none. */
	value: string | undefined;
	onChange: (value: string) => void;
}

/**
 * A date filter written the way the portal's language writes dates (31.12.2026 in German,
 * 31-12-2026 in Dutch), whatever the browser's own language: the value stays YYYY-MM-DD.
 */
export function LocalDateField({ label, value, onChange }: LocalDateFieldProps) {
	const { t, i18n } = useTranslation();
	return (
		<DateField
			label={label}
			value={value ?? ""}
			onChange={onChange}
			locale={i18n.resolvedLanguage ?? i18n.language}
			letters={{
				day: t("dateTime.dateField.letters.day"),
				month: t("dateTime.dateField.letters.month"),
				year: t("dateTime.dateField.letters.year"),
			}}
			hint={(pattern) => t("dateTime.dateField.hint", { pattern })}
			formatError={(pattern, example) => t("dateTime.dateField.badFormat", { pattern, example })}
			noSuchDayError={(text) => t("dateTime.dateField.noSuchDay", { text })}
		/>
	);
}
