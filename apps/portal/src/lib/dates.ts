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
 * Old names browsers still list (ICU keeps them as its canonical ids) and the names places use
 * today, which IANA made canonical: the list offers the current name only.
 */
const RENAMED_ZONES: Readonly<Record<string, string>> = {
	"Asia/Calcutta": "Asia/Kolkata",
	"Asia/Katmandu": "Asia/Kathmandu",
	"Asia/Saigon": "Asia/Ho_Chi_Minh",
	"Asia/Rangoon": "Asia/Yangon",
	"Europe/Kiev": "Europe/Kyiv",
	"Atlantic/Faeroe": "Atlantic/Faroe",
	"America/Godthab": "America/Nuuk",
	"Pacific/Enderbury": "Pacific/Kanton",
	"Pacific/Ponape": "Pacific/Pohnpei",
	"Pacific/Truk": "Pacific/Chuuk",
	"America/Buenos_Aires": "America/Argentina/Buenos_Aires",
	"America/Catamarca": "America/Argentina/Catamarca",
	"America/Cordoba": "America/Argentina/Cordoba",
	"America/Jujuy": "America/Argentina/Jujuy",
	"America/Mendoza": "America/Argentina/Mendoza",
	"America/Indianapolis": "America/Indiana/Indianapolis",
	"America/Louisville": "America/Kentucky/Louisville",
};

/**
 * Every time zone the runtime knows under its current name, plus "UTC" (which
 * `supportedValuesOf` leaves out in some browsers) and any extra zones to keep selectable (e.g.
 * the user's current one, whatever it is called), sorted by name.
 */
export function listTimeZones(extra: readonly string[] = []): string[] {
	const zones = new Set<string>(Intl.supportedValuesOf("timeZone").map((zone) => RENAMED_ZONES[zone] ?? zone));
	zones.add("UTC");
	for (const zone of extra) {
		if (zone) {
			zones.add(zone);
		}
	}
	return [...zones].sort((a, b) => a.localeCompare(b));
}

/** A zone's offset from UTC at `at` as "+01:00" ("+00:00" for UTC itself). */
export function utcOffsetOf(zone: string, at: Date): string {
	const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
		.formatToParts(at)
		.find((part) => part.type === "timeZoneName")?.value;
	const offset = name?.replace(/^GMT/, "") ?? "";
	return offset === "" ? "+00:00" : offset;
}

/**
 * The zones as a picker shows them: ordered by their offset from UTC today, west to east, then
 * by name, each labelled "(UTC+01:00) Europe/Amsterdam" with spaces for underscores, so a person
 * finds their zone by the time they know or the city they live in.
 */
export function timeZoneOptions(zones: readonly string[], at: Date): { value: string; label: string }[] {
	const minutesOf = (offset: string) => {
		const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
		return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
	};
	return zones
		.map((zone) => ({ zone, offset: utcOffsetOf(zone, at) }))
		.sort((a, b) => minutesOf(a.offset) - minutesOf(b.offset) || a.zone.localeCompare(b.zone))
		.map(({ zone, offset }) => ({ value: zone, label: `(UTC${offset}) ${zone.replaceAll("_", " ")}` }));
}

/** Formats an instant as a medium date without the time, in the given locale and time zone. */
export function formatDate(date: Date, locale: string, timeZone: string): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(date);
}
