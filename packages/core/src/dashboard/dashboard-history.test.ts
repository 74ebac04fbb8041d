import { describe, expect, it } from "vitest";
import { daysKnownSince, figuresAtDayEnds, shareOf } from "./dashboard-history";

const KEYS = ["people", "mfa"] as const;

describe("figuresAtDayEnds", () => {
	it("takes each day's changes off the figures of the days after it", () => {
		const ends = figuresAtDayEnds(
			["2026-03-28", "2026-03-29", "2026-03-30"],
			{ people: 10, mfa: 4 },
			[
				// Today: two people joined, one of them with a second factor.
				{ day: "2026-03-30", people: 2, mfa: 1 },
				// Yesterday: three people turned a second factor on.
				{ day: "2026-03-29", people: 0, mfa: 3 },
			],
			KEYS,
		);
		expect(ends).toEqual([
			{ people: 8, mfa: 0 },
			{ people: 8, mfa: 3 },
			{ people: 10, mfa: 4 },
		]);
		// Adoption at the end of each day, as the dashboard shows it.
		expect(ends.map((end) => shareOf(end.mfa, end.people))).toEqual([0, 3 / 8, 0.4]);
	});

	it("keeps today at the figures now, even with changes the database dated after today", () => {
		const ends = figuresAtDayEnds(
			["2026-03-29", "2026-03-30"],
			{ people: 5, mfa: 5 },
			[
				{ day: "2026-03-31", people: 1, mfa: 1 },
				{ day: "2026-03-30", people: -1, mfa: 2 },
			],
			KEYS,
		);
		expect(ends).toEqual([
			{ people: 6, mfa: 3 },
			{ people: 5, mfa: 5 },
		]);
	});

	it("ignores changes before the first day: they are in every figure shown", () => {
		const ends = figuresAtDayEnds(
			["2026-03-30"],
			{ people: 3, mfa: 1 },
			[{ day: "2026-03-01", people: 3, mfa: 1 }],
			KEYS,
		);
		expect(ends).toEqual([{ people: 3, mfa: 1 }]);
	});
});

describe("daysKnownSince", () => {
	const starts = [new Date("2026-03-28T23:00:00Z"), new Date("2026-03-29T23:00:00Z"), new Date("2026-03-30T22:00:00Z")];

	it("knows every day when counting began before them all", () => {
		expect(daysKnownSince(starts, null)).toEqual([true, true, true]);
	});

	it("leaves out the days that ended before counting began, not the day it began on", () => {
		// Counting began during the second day: its end is known, the first day's is not.
		expect(daysKnownSince(starts, new Date("2026-03-30T10:00:00Z"))).toEqual([false, true, true]);
		// Exactly at the end of the first day: nothing after it is missing, but its own end is not counted.
		expect(daysKnownSince(starts, new Date("2026-03-29T23:00:00Z"))).toEqual([false, true, true]);
	});
});

describe("shareOf", () => {
	it("is 0 for nobody", () => {
		expect(shareOf(0, 0)).toBe(0);
		expect(shareOf(1, 4)).toBe(0.25);
	});
});
