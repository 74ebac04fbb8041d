/** A day of the calendar, as numbers (month 1–12). */
export interface CalendarDate {
	year: number;
	month: number;
	day: number;
}

/** A calendar day as the date filters keep it, in URLs and forms: "2026-03-29". */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads a YYYY-MM-DD day, or null when it is written otherwise (2026-3-29) or does not exist
 * (2026-02-30): the one place that decides what a calendar day is, for the date field and the
 * filters that turn it into instants.
 */
export function readCalendarDate(value: string): CalendarDate | null {
	const match = ISO_DATE.exec(value);
	if (!match) {
		return null;
	}
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	// Date.UTC rolls 2026-02-30 over to March (and years below 100 into the 1900s, hence
	// setUTCFullYear): only a day that exists survives the round trip unchanged.
	const probe = new Date(Date.UTC(year, month - 1, day));
	probe.setUTCFullYear(year, month - 1, day);
	if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
		return null;
	}
	return { year, month, day };
}
