import { describe, expect, it } from "vitest";
import { ZAuditSearch } from "../admin-audit/audit-search";
import {
	ACTIVITY_SEARCH,
	activitySeries,
	barsOf,
	methodBars,
	shareOf,
	signupDays,
	stateBars,
} from "./dashboard-figures";

describe("shareOf", () => {
	it("is a share between 0 and 1, and 0 for an empty whole", () => {
		expect(shareOf(1, 4)).toBe(0.25);
		expect(shareOf(0, 0)).toBe(0);
		expect(shareOf(3, 0)).toBe(0);
		expect(shareOf(5, 4)).toBe(1);
		expect(shareOf(-1, 4)).toBe(0);
	});
});

describe("bars", () => {
	it("gives each count its share of the total and a length relative to the largest", () => {
		expect(
			barsOf([
				["a", 2],
				["b", 6],
				["c", 0],
			] as const),
		).toEqual([
			{ key: "a", count: 2, share: 0.25, length: 2 / 6 },
			{ key: "b", count: 6, share: 0.75, length: 1 },
			{ key: "c", count: 0, share: 0, length: 0 },
		]);
		expect(barsOf([["a", 0]] as const)).toEqual([{ key: "a", count: 0, share: 0, length: 0 }]);
		expect(barsOf([])).toEqual([]);
	});

	it("lists every state in the user list's order, and every method", () => {
		const states = stateBars({ create: 1, active: 5, inactive: 2, deleting: 0, deleted: 2 });
		expect(states.map((bar) => bar.key)).toEqual(["active", "inactive", "create", "deleting", "deleted"]);
		expect(states[0]).toMatchObject({ count: 5, share: 0.5, length: 1 });
		expect(methodBars({ totp: 1, sms: 0, email: 0, passkey: 3 }).map((bar) => [bar.key, bar.count])).toEqual([
			["passkey", 3],
			["totp", 1],
			["sms", 0],
			["email", 0],
		]);
	});
});

describe("signupDays", () => {
	it("fills every day of the period, oldest first, across a month end", () => {
		const days = signupDays(
			[
				{ day: "2026-02-27", count: 2 },
				{ day: "2026-03-02", count: 5 },
				{ day: "2026-01-01", count: 9 },
			],
			"2026-03-02",
			5,
		);
		expect(days).toEqual([
			{ day: "2026-02-26", count: 0 },
			{ day: "2026-02-27", count: 2 },
			{ day: "2026-02-28", count: 0 },
			{ day: "2026-03-01", count: 0 },
			{ day: "2026-03-02", count: 5 },
		]);
		expect(signupDays([], "2026-03-02")).toHaveLength(30);
	});
});

describe("activity", () => {
	it("links each figure to an audit-log filter the log keeps as it is", () => {
		for (const search of Object.values(ACTIVITY_SEARCH)) {
			const withRange = { ...search, from: "2026-03-01", to: "2026-03-30" };
			expect(ZAuditSearch.parse(withRange)).toEqual(withRange);
		}
	});

	it("turns the days into one series per kind", () => {
		const perDay = [
			{ day: "2026-03-29", signIns: 3, failures: 1, lockouts: 0 },
			{ day: "2026-03-30", signIns: 5, failures: 0, lockouts: 1 },
		];
		expect(activitySeries(perDay)).toEqual([
			["signIns", [3, 5]],
			["failures", [1, 0]],
			["lockouts", [0, 1]],
		]);
	});
});
