import { useTranslation } from "react-i18next";
import { effectiveTimeZone, formatDate, formatDateTime } from "./dates";

/**
 * Formatters for instants in the person's time zone: the profile's zone when set (signed-in
 * pages pass it), else the browser's. Never the server's.
 */
export function useDateFormat(profileTimeZone: string | null = null) {
	const { i18n } = useTranslation();
	const timeZone = effectiveTimeZone(profileTimeZone);
	const locale = i18n.resolvedLanguage ?? i18n.language;
	return {
		timeZone,
		locale,
		dateTime: (date: Date) => formatDateTime(date, locale, timeZone),
		date: (date: Date) => formatDate(date, locale, timeZone),
	};
}
