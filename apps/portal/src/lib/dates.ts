/** The browser's IANA time zone under its current name, e.g. "Europe/Amsterdam" ("Asia/Kolkata", never "Asia/Calcutta"). */
export function browserTimeZone(): string {
	return canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
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
 * Old names of zones and the names they have today (the same place, renamed or merged into the
 * zone of the same country). Some of them browsers still list, because ICU keeps them as its
 * canonical ids (Asia/Calcutta, Europe/Kiev); the others are legacy names people and old systems
 * still use (US/Eastern). The picker offers the current name only and finds it by either.
 * Deliberately not tzdb's "backward" links as a whole: those also join zones of different
 * countries that merely share a clock since 1970 (Europe/Amsterdam into Europe/Brussels,
 * Atlantic/Reykjavik into Africa/Abidjan), which nobody would recognise as their zone.
 */
const LEGACY_ZONES: Readonly<Record<string, string>> = {
	"Africa/Asmera": "Africa/Asmara",
	"Africa/Timbuktu": "Africa/Bamako",
	"America/Atka": "America/Adak",
	"America/Buenos_Aires": "America/Argentina/Buenos_Aires",
	"America/Catamarca": "America/Argentina/Catamarca",
	"America/Coral_Harbour": "America/Atikokan",
	"America/Cordoba": "America/Argentina/Cordoba",
	"America/Ensenada": "America/Tijuana",
	"America/Fort_Wayne": "America/Indiana/Indianapolis",
	"America/Godthab": "America/Nuuk",
	"America/Indianapolis": "America/Indiana/Indianapolis",
	"America/Jujuy": "America/Argentina/Jujuy",
	"America/Knox_IN": "America/Indiana/Knox",
	"America/Louisville": "America/Kentucky/Louisville",
	"America/Mendoza": "America/Argentina/Mendoza",
	"America/Montreal": "America/Toronto",
	"America/Porto_Acre": "America/Rio_Branco",
	"America/Shiprock": "America/Denver",
	"America/Virgin": "America/St_Thomas",
	"Antarctica/South_Pole": "Antarctica/McMurdo",
	"Asia/Calcutta": "Asia/Kolkata",
	"Asia/Chongqing": "Asia/Shanghai",
	"Asia/Chungking": "Asia/Shanghai",
	"Asia/Dacca": "Asia/Dhaka",
	"Asia/Harbin": "Asia/Shanghai",
	"Asia/Istanbul": "Europe/Istanbul",
	"Asia/Kashgar": "Asia/Urumqi",
	"Asia/Katmandu": "Asia/Kathmandu",
	"Asia/Macao": "Asia/Macau",
	"Asia/Rangoon": "Asia/Yangon",
	"Asia/Saigon": "Asia/Ho_Chi_Minh",
	"Asia/Tel_Aviv": "Asia/Jerusalem",
	"Asia/Thimbu": "Asia/Thimphu",
	"Asia/Ujung_Pandang": "Asia/Makassar",
	"Asia/Ulan_Bator": "Asia/Ulaanbaatar",
	"Atlantic/Faeroe": "Atlantic/Faroe",
	"Atlantic/Jan_Mayen": "Arctic/Longyearbyen",
	"Australia/ACT": "Australia/Sydney",
	"Australia/Canberra": "Australia/Sydney",
	"Australia/LHI": "Australia/Lord_Howe",
	"Australia/NSW": "Australia/Sydney",
	"Australia/North": "Australia/Darwin",
	"Australia/Queensland": "Australia/Brisbane",
	"Australia/South": "Australia/Adelaide",
	"Australia/Tasmania": "Australia/Hobart",
	"Australia/Victoria": "Australia/Melbourne",
	"Australia/West": "Australia/Perth",
	"Australia/Yancowinna": "Australia/Broken_Hill",
	"Brazil/Acre": "America/Rio_Branco",
	"Brazil/DeNoronha": "America/Noronha",
	"Brazil/East": "America/Sao_Paulo",
	"Brazil/West": "America/Manaus",
	"Canada/Atlantic": "America/Halifax",
	"Canada/Central": "America/Winnipeg",
	"Canada/Eastern": "America/Toronto",
	"Canada/Mountain": "America/Edmonton",
	"Canada/Newfoundland": "America/St_Johns",
	"Canada/Pacific": "America/Vancouver",
	"Canada/Saskatchewan": "America/Regina",
	"Canada/Yukon": "America/Whitehorse",
	"Chile/Continental": "America/Santiago",
	"Chile/EasterIsland": "Pacific/Easter",
	Cuba: "America/Havana",
	Egypt: "Africa/Cairo",
	Eire: "Europe/Dublin",
	"Etc/UCT": "UTC",
	"Etc/Universal": "UTC",
	"Etc/UTC": "UTC",
	"Etc/Zulu": "UTC",
	"Europe/Belfast": "Europe/London",
	"Europe/Kiev": "Europe/Kyiv",
	"Europe/Nicosia": "Asia/Nicosia",
	"Europe/Tiraspol": "Europe/Chisinau",
	GB: "Europe/London",
	"GB-Eire": "Europe/London",
	Hongkong: "Asia/Hong_Kong",
	Iceland: "Atlantic/Reykjavik",
	Iran: "Asia/Tehran",
	Israel: "Asia/Jerusalem",
	Jamaica: "America/Jamaica",
	Japan: "Asia/Tokyo",
	Kwajalein: "Pacific/Kwajalein",
	Libya: "Africa/Tripoli",
	"Mexico/BajaNorte": "America/Tijuana",
	"Mexico/BajaSur": "America/Mazatlan",
	"Mexico/General": "America/Mexico_City",
	Navajo: "America/Denver",
	NZ: "Pacific/Auckland",
	"NZ-CHAT": "Pacific/Chatham",
	"Pacific/Enderbury": "Pacific/Kanton",
	"Pacific/Johnston": "Pacific/Honolulu",
	"Pacific/Ponape": "Pacific/Pohnpei",
	"Pacific/Samoa": "Pacific/Pago_Pago",
	"Pacific/Truk": "Pacific/Chuuk",
	"Pacific/Yap": "Pacific/Chuuk",
	Poland: "Europe/Warsaw",
	Portugal: "Europe/Lisbon",
	PRC: "Asia/Shanghai",
	ROC: "Asia/Taipei",
	ROK: "Asia/Seoul",
	Singapore: "Asia/Singapore",
	Turkey: "Europe/Istanbul",
	UCT: "UTC",
	Universal: "UTC",
	"US/Alaska": "America/Anchorage",
	"US/Aleutian": "America/Adak",
	"US/Arizona": "America/Phoenix",
	"US/Central": "America/Chicago",
	"US/East-Indiana": "America/Indiana/Indianapolis",
	"US/Eastern": "America/New_York",
	"US/Hawaii": "Pacific/Honolulu",
	"US/Indiana-Starke": "America/Indiana/Knox",
	"US/Michigan": "America/Detroit",
	"US/Mountain": "America/Denver",
	"US/Pacific": "America/Los_Angeles",
	"US/Samoa": "Pacific/Pago_Pago",
	"W-SU": "Europe/Moscow",
	Zulu: "UTC",
};

/** Every legacy name and the current zone it stands for (for tests and search). */
export const LEGACY_ZONE_NAMES: readonly (readonly [legacy: string, canonical: string])[] =
	Object.entries(LEGACY_ZONES);

/** Today's name of a zone ("Asia/Calcutta" is "Asia/Kolkata"); any other name as it is. */
export function canonicalTimeZone(zone: string): string {
	return LEGACY_ZONES[zone] ?? zone;
}

/**
 * Abbreviations people type for a zone, only where they name one clock: IST (India, Ireland,
 * Israel), CST (US Central, China, Cuba) and BST (Britain, Bangladesh) do not, so they are not
 * here. An abbreviation shared by a whole region's zones lists each of them.
 */
const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
	GMT: ["UTC", "Europe/London"],
	EST: ["America/New_York"],
	EDT: ["America/New_York"],
	CDT: ["America/Chicago"],
	MST: ["America/Denver", "America/Phoenix"],
	MDT: ["America/Denver"],
	PST: ["America/Los_Angeles"],
	PDT: ["America/Los_Angeles"],
	AKST: ["America/Anchorage"],
	AKDT: ["America/Anchorage"],
	HST: ["Pacific/Honolulu"],
	WET: ["Europe/Lisbon", "Atlantic/Canary", "Atlantic/Madeira", "Atlantic/Faroe"],
	WEST: ["Europe/Lisbon", "Atlantic/Canary", "Atlantic/Madeira", "Atlantic/Faroe"],
	MSK: ["Europe/Moscow"],
	SAST: ["Africa/Johannesburg"],
	PKT: ["Asia/Karachi"],
	HKT: ["Asia/Hong_Kong"],
	SGT: ["Asia/Singapore"],
	JST: ["Asia/Tokyo"],
	KST: ["Asia/Seoul"],
	AWST: ["Australia/Perth"],
	ACST: ["Australia/Adelaide", "Australia/Darwin"],
	ACDT: ["Australia/Adelaide"],
	AEST: ["Australia/Sydney", "Australia/Melbourne", "Australia/Hobart", "Australia/Brisbane"],
	AEDT: ["Australia/Sydney", "Australia/Melbourne", "Australia/Hobart"],
	NZST: ["Pacific/Auckland"],
	NZDT: ["Pacific/Auckland"],
};

/**
 * Central and Eastern European Time name every European zone on that clock (some thirty and ten
 * of them): they are found by their offsets in winter and summer rather than listed by hand.
 */
const EUROPEAN_CLOCKS: readonly { names: readonly string[]; winter: string; summer: string }[] = [
	{ names: ["CET", "CEST"], winter: "+01:00", summer: "+02:00" },
	{ names: ["EET", "EEST"], winter: "+02:00", summer: "+03:00" },
];

/**
 * Every time zone the runtime knows under its current name, plus "UTC" (which
 * `supportedValuesOf` leaves out in some browsers) and any extra zones to keep selectable (e.g.
 * the user's current one, under its current name), sorted by name. An extra zone the runtime
 * does not know (a stored value from a newer tz database) is left out: no offset can be shown.
 */
export function listTimeZones(extra: readonly string[] = []): string[] {
	const zones = new Set<string>(Intl.supportedValuesOf("timeZone").map(canonicalTimeZone));
	zones.add("UTC");
	for (const zone of extra) {
		if (zone && isValidTimeZone(zone)) {
			zones.add(canonicalTimeZone(zone));
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

function minutesOf(offset: string): number {
	const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
	return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** A time zone as the picker offers it. */
export interface TimeZoneOption {
	/** The IANA name that is saved, always the current one. */
	value: string;
	/** "(UTC+05:30) Kolkata — Asia/Kolkata". */
	label: string;
	/** Minutes ahead of UTC at the moment the list was made. */
	offsetMinutes: number;
	/** The city as people call it ("Kolkata", "New York"), for ranking a search. */
	city: string;
	/** Lower-case names it is found by: the city, the zone, legacy names, abbreviations. */
	names: readonly string[];
	/** The words of those names ("us", "eastern", "new", "york"), which a search word may begin. */
	words: readonly string[];
}

/** Lower case, without accents, underscores as spaces: "São_Paulo" and "sao paulo" compare equal. */
function normalise(text: string): string {
	return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replaceAll("_", " ").replace(/\s+/g, " ").trim();
}

/**
 * The zones as the picker shows them: ordered by their offset from UTC at `at`, west to east,
 * then by name, each labelled "(UTC+05:30) Kolkata — Asia/Kolkata", so a person finds their zone
 * by the time they know or the city they live in. Each knows the legacy names and abbreviations
 * it is found by.
 */
export function timeZoneOptions(zones: readonly string[], at: Date): TimeZoneOption[] {
	const legacyNamesOf = new Map<string, string[]>();
	for (const [legacy, canonical] of LEGACY_ZONE_NAMES) {
		legacyNamesOf.set(canonical, [...(legacyNamesOf.get(canonical) ?? []), legacy]);
	}
	const abbreviationsOf = new Map<string, string[]>();
	for (const [abbreviation, targets] of Object.entries(ABBREVIATIONS)) {
		for (const zone of targets) {
			abbreviationsOf.set(zone, [...(abbreviationsOf.get(zone) ?? []), abbreviation]);
		}
	}
	const year = at.getUTCFullYear();
	const [winter, summer] = [new Date(Date.UTC(year, 0, 15)), new Date(Date.UTC(year, 6, 15))];
	const europeanClockOf = (zone: string): readonly string[] => {
		if (!zone.startsWith("Europe/")) {
			return [];
		}
		const [inWinter, inSummer] = [utcOffsetOf(zone, winter), utcOffsetOf(zone, summer)];
		return EUROPEAN_CLOCKS.find((clock) => clock.winter === inWinter && clock.summer === inSummer)?.names ?? [];
	};

	return zones
		.map((zone) => ({ zone, offset: utcOffsetOf(zone, at) }))
		.sort((a, b) => minutesOf(a.offset) - minutesOf(b.offset) || a.zone.localeCompare(b.zone))
		.map(({ zone, offset }) => {
			const city = (zone.split("/").at(-1) ?? zone).replaceAll("_", " ");
			const place = city === zone ? zone : `${city} — ${zone}`;
			const names = [
				city,
				zone,
				...(legacyNamesOf.get(zone) ?? []),
				...(abbreviationsOf.get(zone) ?? []),
				...europeanClockOf(zone),
			].map(normalise);
			return {
				value: zone,
				label: `(UTC${offset}) ${place}`,
				offsetMinutes: minutesOf(offset),
				city,
				names,
				words: [...new Set(names.flatMap((name) => name.split(/[\s/-]+/)))],
			};
		});
}

/** "+5:30", "UTC+1", "gmt-03", "+0545", "+5" (every zone at five hours and some minutes). */
const OFFSET_QUERY = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{1,2}))?$/;

function offsetMatcher(query: string): ((minutes: number) => boolean) | null {
	const match = OFFSET_QUERY.exec(query.replaceAll("\u2212", "-"));
	if (!match) {
		return null;
	}
	const sign = match[1] === "-" ? -1 : 1;
	const hours = Number(match[2]);
	const minutes = match[3];
	return (offset) => {
		if (offset !== 0 && Math.sign(offset) !== sign) {
			return false;
		}
		const absolute = Math.abs(offset);
		if (Math.floor(absolute / 60) !== hours) {
			return false;
		}
		// "+5:3" while typing "+5:30": the minutes typed so far.
		return (
			minutes === undefined ||
			String(absolute % 60)
				.padStart(2, "0")
				.startsWith(minutes)
		);
	};
}

/**
 * The options that match a search, best first: by UTC offset when it reads as one ("+5:30",
 * "UTC+1"), else every word must begin one of the zone's names or their words: its name, city,
 * a legacy name or an abbreviation ("calcutta", "us/eastern", "new york", "cet"); the start of a
 * word, so "est" finds Eastern Time, not Budapest. Exact names come first, then
 * names that start with the text, then the rest; each group keeps the offset order.
 */
export function searchTimeZones(options: readonly TimeZoneOption[], query: string): TimeZoneOption[] {
	const text = normalise(query);
	if (text === "") {
		return [...options];
	}
	const isAtOffset = offsetMatcher(text.replaceAll(" ", ""));
	if (isAtOffset) {
		return options.filter((option) => isAtOffset(option.offsetMinutes));
	}
	const words = text.split(" ");
	const rank = (option: TimeZoneOption) =>
		option.names.includes(text) ? 0 : option.names.some((name) => name.startsWith(text)) ? 1 : 2;
	return options
		.filter((option) =>
			words.every(
				(word) =>
					option.names.some((name) => name.startsWith(word)) || option.words.some((part) => part.startsWith(word)),
			),
		)
		.map((option, index) => ({ option, index, rank: rank(option) }))
		.sort((a, b) => a.rank - b.rank || a.index - b.index)
		.map(({ option }) => option);
}

/** Formats an instant as a medium date without the time, in the given locale and time zone. */
export function formatDate(date: Date, locale: string, timeZone: string): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(date);
}
