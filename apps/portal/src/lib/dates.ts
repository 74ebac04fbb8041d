/** The browser's IANA time zone, e.g. "Europe/Amsterdam". */
export function browserTimeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** True when the runtime knows the IANA zone (a stored value may be from a newer tz database). */
export function isValidTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat("en", { timeZone });
		return true;
	} catch {
		return false;
	}
}

/** The zone to show times in: the user's own when set and known, else the browser's. */
export function effectiveTimeZone(profileTimeZone: string | null): string {
	return profileTimeZone && isValidTimeZone(profileTimeZone) ? profileTimeZone : browserTimeZone();
}

/** Formats an instant as a medium date and short time, in the given locale and time zone. */
export function formatDateTime(date: Date, locale: string, timeZone: string): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}

/**
 * Every time zone the runtime knows, plus "UTC" (which `supportedValuesOf` leaves out in some
 * browsers) and any extra zones to keep selectable (e.g. the user's current one), sorted.
 */
export function listTimeZones(extra: readonly string[] = []): string[] {
	const zones = new Set<string>(Intl.supportedValuesOf("timeZone"));
	zones.add("UTC");
	for (const zone of extra) {
		if (zone) {
			zones.add(zone);
		}
	}
	return [...zones].sort((a, b) => a.localeCompare(b));
}

/** Formats an instant as a medium date without the time, in the given locale and time zone. */
export function formatDate(date: Date, locale: string, timeZone: string): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(date);
}
