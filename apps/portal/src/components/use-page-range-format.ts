import type { PageRange } from "@tessera/ui/pagination";
import { useTranslation } from "react-i18next";

/**
 * Formats a page's range for `Pagination` in the reader's language and number style:
 * "26–50 of 1,204", "26–50 of 1,000+" when the list stopped counting, "26–50" when it does not count.
 */
export function usePageRangeFormat(): (range: PageRange) => string {
	const { t, i18n } = useTranslation();
	const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? i18n.language);
	return ({ first, last, total }) => {
		const values = { first: number.format(first), last: number.format(last) };
		if (!total) {
			return t("pagination.rangeOpen", values);
		}
		const key = total.isCapped ? "pagination.rangeCapped" : "pagination.range";
		return t(key, { ...values, total: number.format(total.count) });
	};
}
