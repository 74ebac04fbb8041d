import { describe, expect, it } from "vitest";
import { listTimeZones, timeZoneOptions, utcOffsetOf } from "./dates";

const WINTER = new Date("2026-01-15T12:00:00Z");

describe("time zone picker", () => {
	it("offers today's names, not the old ones browsers still list", () => {
		const zones = listTimeZones();
		expect(zones).toContain("Asia/Kolkata");
		expect(zones).toContain("Europe/Kyiv");
		expect(zones).toContain("UTC");
		expect(zones).not.toContain("Asia/Calcutta");
		expect(zones).not.toContain("Europe/Kiev");
		// A user whose stored zone has an old name still finds it selected.
		expect(listTimeZones(["Asia/Calcutta"])).toContain("Asia/Calcutta");
	});

	it("labels each zone with its offset and orders them west to east", () => {
		expect(utcOffsetOf("UTC", WINTER)).toBe("+00:00");
		expect(utcOffsetOf("Asia/Kathmandu", WINTER)).toBe("+05:45");
		const options = timeZoneOptions(["Europe/Amsterdam", "America/New_York", "UTC", "Asia/Kathmandu"], WINTER);
		expect(options).toEqual([
			{ value: "America/New_York", label: "(UTC-05:00) America/New York" },
			{ value: "UTC", label: "(UTC+00:00) UTC" },
			{ value: "Europe/Amsterdam", label: "(UTC+01:00) Europe/Amsterdam" },
			{ value: "Asia/Kathmandu", label: "(UTC+05:45) Asia/Kathmandu" },
		]);
	});
});
