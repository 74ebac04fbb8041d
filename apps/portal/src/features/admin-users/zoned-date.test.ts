import { describe, expect, it } from "vitest";
import { isCalendarDate, startOfDayInZone } from "./zoned-date";

describe("isCalendarDate", () => {
	it.each(["2026-01-05", "2024-02-29", "1999-12-31"])("accepts %s", (value) => {
		expect(isCalendarDate(value)).toBe(true);
	});

	it.each(["2026-02-30", "2025-02-29", "2026-13-01", "2026-1-5", "05-01-2026", "", "2026-01-05T00:00"])(
		"refuses %j",
		(value) => {
			expect(isCalendarDate(value)).toBe(false);
		},
	);
});

describe("startOfDayInZone", () => {
	it("is midnight UTC in UTC", () => {
		expect(startOfDayInZone("2026-03-10", "UTC")?.toISOString()).toBe("2026-03-10T00:00:00.000Z");
	});

	it("uses the zone's offset in winter and in summer", () => {
		expect(startOfDayInZone("2026-01-15", "Europe/Amsterdam")?.toISOString()).toBe("2026-01-14T23:00:00.000Z");
		expect(startOfDayInZone("2026-07-15", "Europe/Amsterdam")?.toISOString()).toBe("2026-07-14T22:00:00.000Z");
	});

	it("gets the days around a daylight-saving change right", () => {
		// Clocks go forward in Amsterdam at 02:00 on 29 March 2026: that day starts at +01:00, the next at +02:00.
		expect(startOfDayInZone("2026-03-29", "Europe/Amsterdam")?.toISOString()).toBe("2026-03-28T23:00:00.000Z");
		expect(startOfDayInZone("2026-03-30", "Europe/Amsterdam")?.toISOString()).toBe("2026-03-29T22:00:00.000Z");
		// New York falls back on 1 November 2026.
		expect(startOfDayInZone("2026-11-01", "America/New_York")?.toISOString()).toBe("2026-11-01T04:00:00.000Z");
		expect(startOfDayInZone("2026-11-02", "America/New_York")?.toISOString()).toBe("2026-11-02T05:00:00.000Z");
	});

	it("handles zones with half-hour offsets and east of UTC", () => {
		expect(startOfDayInZone("2026-05-01", "Asia/Kolkata")?.toISOString()).toBe("2026-04-30T18:30:00.000Z");
	});

	it("moves forward by whole calendar days, across month ends", () => {
		expect(startOfDayInZone("2026-01-31", "Europe/Amsterdam", 1)?.toISOString()).toBe("2026-01-31T23:00:00.000Z");
	});

	it("is null for anything that is not a date", () => {
		expect(startOfDayInZone("2026-02-30", "UTC")).toBeNull();
		expect(startOfDayInZone("yesterday", "UTC")).toBeNull();
	});
});
