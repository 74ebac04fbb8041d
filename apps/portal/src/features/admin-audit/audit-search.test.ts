import superjson from "superjson";
import { describe, expect, it } from "vitest";
import {
	exportHref,
	hasFilters,
	toAuditFilter,
	toListInput,
	withFilter,
	withoutFilters,
	ZAuditSearch,
} from "./audit-search";

const USER = "0b5e7f3c-2d4a-4c1e-9f1a-6b7c8d9e0f12";
const OTHER = "7a1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";

describe("ZAuditSearch", () => {
	it("is the whole log for no params", () => {
		expect(ZAuditSearch.parse({})).toEqual({});
	});

	it("keeps every valid value", () => {
		const search = {
			action: "auth.sign_in",
			actor: USER,
			target: OTHER,
			outcome: "failure",
			ip: "203.0.113.7",
			from: "2026-01-01",
			to: "2026-01-31",
			size: 100,
			cursor: "1234",
		};
		expect(ZAuditSearch.parse(search)).toEqual(search);
	});

	it("keeps a category prefix as the action", () => {
		expect(ZAuditSearch.parse({ action: "auth." })).toEqual({ action: "auth." });
	});

	it("drops unknown, malformed and out-of-range values instead of failing", () => {
		expect(
			ZAuditSearch.parse({
				action: "auth.sign_in; drop table",
				actor: "not-a-uuid",
				target: 42,
				outcome: "maybe",
				ip: "x".repeat(65),
				from: "2026-02-30",
				to: "yesterday",
				size: 7,
				cursor: "-3",
				extra: "ignored",
			}),
		).toEqual({});
		expect(ZAuditSearch.parse({ action: ".", cursor: "0", size: "abc" })).toEqual({});
		expect(ZAuditSearch.parse({ action: "x".repeat(65) })).toEqual({});
		expect(ZAuditSearch.parse({ outcome: ["failure"], actor: { id: USER } })).toEqual({});
	});

	it("reads values the router parsed as JSON numbers, and normalises case and spaces", () => {
		expect(ZAuditSearch.parse({ cursor: 987, size: 25, ip: " 10.0.0.1 ", actor: USER.toUpperCase() })).toEqual({
			cursor: "987",
			size: 25,
			ip: "10.0.0.1",
			actor: USER,
		});
		expect(ZAuditSearch.parse({ action: "AUTH.Sign_In" })).toEqual({ action: "auth.sign_in" });
	});

	it("drops the default page size and swaps a reversed date range", () => {
		expect(ZAuditSearch.parse({ size: 50 })).toEqual({});
		expect(ZAuditSearch.parse({ from: "2026-03-10", to: "2026-03-01" })).toEqual({
			from: "2026-03-01",
			to: "2026-03-10",
		});
	});
});

describe("filter changes", () => {
	it("starts at the first page again and drops emptied filters", () => {
		const search = ZAuditSearch.parse({ outcome: "failure", action: "auth.", cursor: "77", size: 25 });
		expect(withFilter(search, { outcome: "" })).toEqual({ action: "auth.", size: 25 });
		expect(withFilter(search, { target: USER })).toEqual({
			outcome: "failure",
			action: "auth.",
			target: USER,
			size: 25,
		});
	});

	it("clears every filter but keeps the page size", () => {
		const search = ZAuditSearch.parse({
			outcome: "success",
			ip: "10.0.0.1",
			from: "2026-01-01",
			size: 100,
			cursor: "5",
		});
		expect(hasFilters(search)).toBe(true);
		expect(withoutFilters(search)).toEqual({ size: 100 });
		expect(hasFilters(withoutFilters(search))).toBe(false);
		expect(hasFilters({ size: 25, cursor: "9" })).toBe(false);
	});
});

describe("API input", () => {
	it("turns calendar days into instants in the viewer's zone, the last day inclusive", () => {
		const filter = toAuditFilter({ from: "2026-03-29", to: "2026-03-29" }, "Europe/Amsterdam");
		// Amsterdam switches to summer time that night: the day starts at +01:00, the next at +02:00.
		expect(filter.from?.toISOString()).toBe("2026-03-28T23:00:00.000Z");
		expect(filter.to?.toISOString()).toBe("2026-03-29T22:00:00.000Z");
	});

	it("names the API's fields, with an explicit cursor and limit and no paging direction", () => {
		const input = toListInput(
			{ action: "user.", actor: USER, target: OTHER, outcome: "success", ip: "10.0.0.1", cursor: "12", size: 25 },
			"UTC",
		);
		expect(input).toEqual({
			action: "user.",
			actorUserId: USER,
			targetUserId: OTHER,
			outcome: "success",
			ip: "10.0.0.1",
			cursor: "12",
			limit: 25,
		});
		expect(toListInput({}, "UTC")).toEqual({ limit: 50 });
		expect("direction" in input).toBe(false);
	});

	it("exports the same filter (without cursor or limit) as superjson", () => {
		const href = exportHref({ outcome: "failure", from: "2026-01-01", cursor: "12", size: 25 }, "UTC");
		expect(href.startsWith("/export/audit.csv?filter=")).toBe(true);
		const filter = superjson.parse(decodeURIComponent(href.split("filter=")[1] ?? ""));
		expect(filter).toEqual({ outcome: "failure", from: new Date("2026-01-01T00:00:00.000Z") });
	});
});
