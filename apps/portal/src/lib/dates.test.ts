import { describe, expect, it } from "vitest";
import {
	canonicalTimeZone,
	LEGACY_ZONE_NAMES,
	listTimeZones,
	searchTimeZones,
	type TimeZoneOption,
	timeZoneOptions,
	utcOffsetOf,
} from "./dates";

const WINTER = new Date("2026-01-15T12:00:00Z");
const SUMMER = new Date("2026-07-15T12:00:00Z");

/** What ICU itself takes a zone name for (it keeps some old names, e.g. Asia/Calcutta, as its ids). */
const icuIdOf = (zone: string) => new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;

const ALL = timeZoneOptions(listTimeZones(), WINTER);
const valuesFound = (query: string, options: readonly TimeZoneOption[] = ALL) =>
	searchTimeZones(options, query).map((option) => option.value);

describe("time zone list", () => {
	it("offers today's names, not the old ones browsers still list", () => {
		const zones = listTimeZones();
		expect(zones).toContain("Asia/Kolkata");
		expect(zones).toContain("Europe/Kyiv");
		expect(zones).toContain("UTC");
		expect(zones).not.toContain("Asia/Calcutta");
		expect(zones).not.toContain("Europe/Kiev");
		// A stored legacy name is shown as its current zone, not as a second entry.
		expect(listTimeZones(["Asia/Calcutta", "US/Eastern"])).toEqual(zones);
		// A zone this runtime does not know cannot be labelled with an offset and is left out.
		expect(listTimeZones(["Mars/Olympus_Mons"])).toEqual(zones);
	});

	it("lists no zone twice and no legacy name at all", () => {
		const values = ALL.map((option) => option.value);
		expect(new Set(values).size).toBe(values.length);
		const legacy = new Set(LEGACY_ZONE_NAMES.map(([name]) => name));
		expect(values.filter((value) => legacy.has(value))).toEqual([]);
	});

	it("maps each legacy name to the zone ICU also takes it for, and that zone is offered", () => {
		const offered = new Set(listTimeZones());
		for (const [legacy, canonical] of LEGACY_ZONE_NAMES) {
			expect({ legacy, canonical: canonicalTimeZone(icuIdOf(legacy)) }).toEqual({ legacy, canonical });
			expect({ canonical, offered: offered.has(canonical) }).toEqual({ canonical, offered: true });
		}
		expect(canonicalTimeZone("Europe/Amsterdam")).toBe("Europe/Amsterdam");
	});

	it("labels each zone with its offset and city and orders them west to east", () => {
		expect(utcOffsetOf("UTC", WINTER)).toBe("+00:00");
		expect(utcOffsetOf("Asia/Kathmandu", WINTER)).toBe("+05:45");
		const options = timeZoneOptions(["Europe/Amsterdam", "America/New_York", "UTC", "Asia/Kolkata"], WINTER);
		expect(options.map(({ value, label }) => ({ value, label }))).toEqual([
			{ value: "America/New_York", label: "(UTC-05:00) New York — America/New_York" },
			{ value: "UTC", label: "(UTC+00:00) UTC" },
			{ value: "Europe/Amsterdam", label: "(UTC+01:00) Amsterdam — Europe/Amsterdam" },
			{ value: "Asia/Kolkata", label: "(UTC+05:30) Kolkata — Asia/Kolkata" },
		]);
		const summer = timeZoneOptions(["Europe/Amsterdam", "America/New_York"], SUMMER);
		expect(summer.map((option) => option.label)).toEqual([
			"(UTC-04:00) New York — America/New_York",
			"(UTC+02:00) Amsterdam — Europe/Amsterdam",
		]);
	});
});

describe("time zone search", () => {
	it("finds a zone by its legacy name, once, under its current name", () => {
		expect(valuesFound("Calcutta")).toEqual(["Asia/Kolkata"]);
		expect(valuesFound("asia/calcutta")).toEqual(["Asia/Kolkata"]);
		expect(valuesFound("Kiev")).toEqual(["Europe/Kyiv"]);
		expect(valuesFound("US/Eastern")).toEqual(["America/New_York"]);
		expect(valuesFound("Saigon")).toEqual(["Asia/Ho_Chi_Minh"]);
	});

	it("finds a zone by city, words in any case, with or without accents and underscores", () => {
		expect(valuesFound("new york")).toEqual(["America/New_York"]);
		expect(valuesFound("KOLKATA")).toEqual(["Asia/Kolkata"]);
		expect(valuesFound("sao paulo")).toEqual(["America/Sao_Paulo"]);
		expect(valuesFound("São Paulo")).toEqual(["America/Sao_Paulo"]);
		expect(valuesFound("Europe/Amsterdam")).toEqual(["Europe/Amsterdam"]);
	});

	it("finds zones by their UTC offset however it is written", () => {
		for (const query of ["+5:30", "UTC+5:30", "utc +05:30", "+0530", "GMT+05:30"]) {
			expect({ query, found: valuesFound(query) }).toEqual({ query, found: ["Asia/Colombo", "Asia/Kolkata"] });
		}
		// While typing "+5:30": "+5" is every zone at five hours and some minutes.
		expect(valuesFound("+5")).toEqual(expect.arrayContaining(["Asia/Karachi", "Asia/Kolkata", "Asia/Kathmandu"]));
		expect(valuesFound("+5:4")).toEqual(["Asia/Kathmandu"]);
		const utcPlusOne = valuesFound("UTC+1");
		expect(utcPlusOne).toContain("Europe/Amsterdam");
		expect(utcPlusOne).not.toContain("UTC");
		expect(utcPlusOne).not.toContain("Pacific/Auckland");
		expect(valuesFound("-3")).toContain("America/Sao_Paulo");
		expect(valuesFound("-3")).not.toContain("Asia/Riyadh");
	});

	it("knows abbreviations that name one clock, and not the ambiguous ones", () => {
		expect(valuesFound("EST")).toEqual(["America/New_York"]);
		expect(valuesFound("pst")).toEqual(["America/Los_Angeles"]);
		expect(valuesFound("JST")).toEqual(["Asia/Tokyo"]);
		const cet = valuesFound("CET");
		expect(cet).toEqual(expect.arrayContaining(["Europe/Amsterdam", "Europe/Berlin", "Europe/Paris"]));
		expect(cet).not.toContain("Europe/London");
		expect(cet).not.toContain("Europe/Kyiv");
		expect(valuesFound("EET")).toContain("Europe/Kyiv");
		// IST is India's, Ireland's and Israel's: it finds none of them as an abbreviation (only the
		// city that begins with the letters), rather than a wrong one.
		expect(valuesFound("IST")).toEqual(["Europe/Istanbul"]);
	});

	it("puts exact names first, then names that start with the text, then the rest", () => {
		const found = valuesFound("york");
		expect(found[0]).toBe("America/New_York");
		const paris = valuesFound("paris");
		expect(paris).toEqual(["Europe/Paris"]);
		const london = valuesFound("lon");
		expect(london[0]).toBe("Europe/London");
		expect(valuesFound("")).toEqual(ALL.map((option) => option.value));
	});
});
