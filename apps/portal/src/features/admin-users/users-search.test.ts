import superjson from "superjson";
import { describe, expect, it } from "vitest";
import {
	exportHref,
	hasFilters,
	toListInput,
	withFilter,
	withoutFilters,
	withSort,
	ZUsersSearch,
} from "./users-search";

const ACCOUNT = "0b5e7f3c-2d4a-4c1e-9f1a-6b7c8d9e0f12";
const CURSOR = "WyJBbm4iLCIwYjVlN2YzYy0yZDRhLTRjMWUtOWYxYS02YjdjOGQ5ZTBmMTIiXQ";

describe("ZUsersSearch", () => {
	it("is the default view for no params", () => {
		expect(ZUsersSearch.parse({})).toEqual({});
	});

	it("keeps every valid value", () => {
		const search = {
			q: "ann",
			state: "inactive",
			role: "user_manager",
			type: "application",
			mfa: "on",
			method: "totp",
			passkey: "off",
			account: ACCOUNT,
			from: "2026-01-01",
			to: "2026-01-31",
			sort: "created",
			dir: "desc",
			size: 50,
			cursor: CURSOR,
		};
		expect(ZUsersSearch.parse(search)).toEqual(search);
		expect(ZUsersSearch.parse({ state: "all", passkey: "on" })).toEqual({ state: "all", passkey: "on" });
	});

	it("drops unknown, malformed and out-of-range values instead of failing", () => {
		expect(
			ZUsersSearch.parse({
				state: "sleeping",
				role: "DROP TABLE",
				type: ["human"],
				mfa: "maybe",
				method: "carrier-pigeon",
				passkey: "yes",
				account: "not-a-uuid",
				from: "2026-02-30",
				to: "tomorrow",
				sort: "password",
				dir: "sideways",
				size: 1000,
				cursor: "x".repeat(513),
				extra: "ignored",
			}),
		).toEqual({});
		expect(ZUsersSearch.parse({ role: "x".repeat(65), cursor: "", account: 42 })).toEqual({});
	});

	it("never throws, whatever the URL holds, and keeps no key it dropped", () => {
		const search = ZUsersSearch.parse({ q: null, state: 1, size: null, sort: {}, from: 20260101 });
		expect(Object.keys(search)).toEqual([]);
	});

	it("drops values that equal the defaults, so each view has one URL", () => {
		expect(ZUsersSearch.parse({ sort: "name", dir: "asc", size: 25 })).toEqual({});
	});

	it("reads numbers and booleans the router decoded from JSON as text", () => {
		expect(ZUsersSearch.parse({ q: 123, size: "100" })).toEqual({ q: "123", size: 100 });
		expect(ZUsersSearch.parse({ q: true })).toEqual({ q: "true" });
	});

	it("trims the search text, caps it at the API's limit and drops it when blank", () => {
		expect(ZUsersSearch.parse({ q: "  ann  " })).toEqual({ q: "ann" });
		expect(ZUsersSearch.parse({ q: "   " })).toEqual({});
		expect(ZUsersSearch.parse({ q: "x".repeat(150) }).q).toHaveLength(100);
		expect(ZUsersSearch.parse({ q: { $ne: "" } })).toEqual({});
	});

	it("normalises the account id to lower case", () => {
		expect(ZUsersSearch.parse({ account: ACCOUNT.toUpperCase() })).toEqual({ account: ACCOUNT });
	});
});

describe("search changes", () => {
	it("goes back to the first page when a filter changes", () => {
		expect(withFilter({ q: "ann", cursor: CURSOR, size: 50 }, { state: "active" })).toEqual({
			q: "ann",
			state: "active",
			size: 50,
		});
	});

	it("removes a filter set to undefined", () => {
		expect(withFilter({ q: "ann", state: "active" }, { state: undefined })).toEqual({ q: "ann" });
	});

	it("clears filters but keeps sort and page size", () => {
		const search = ZUsersSearch.parse({
			q: "ann",
			role: "member",
			sort: "email",
			dir: "desc",
			size: 10,
			cursor: CURSOR,
		});
		expect(withoutFilters(search)).toEqual({ sort: "email", dir: "desc", size: 10 });
		expect(hasFilters(search)).toBe(true);
		expect(hasFilters(withoutFilters(search))).toBe(false);
	});

	it("flips the sorted column and starts other columns in their natural direction", () => {
		expect(withSort({}, "name")).toEqual({ dir: "desc" });
		expect(withSort({ dir: "desc" }, "name")).toEqual({});
		expect(withSort({}, "email")).toEqual({ sort: "email" });
		expect(withSort({ cursor: CURSOR }, "created")).toEqual({ sort: "created", dir: "desc" });
		expect(withSort({ sort: "created", dir: "desc" }, "created")).toEqual({ sort: "created" });
	});
});

describe("toListInput", () => {
	it("asks for the defaults when nothing is set: every state but deleted", () => {
		expect(toListInput({}, "UTC")).toEqual({
			states: ["active", "inactive", "create", "deleting"],
			sort: "name",
			direction: "asc",
			limit: 25,
		});
		expect(toListInput({ state: "deleted" }, "UTC").states).toEqual(["deleted"]);
	});

	it('asks for every state, deleted included, for "all" (what the dashboard\'s totals count)', () => {
		expect(toListInput({ state: "all" }, "UTC").states).toEqual([
			"active",
			"inactive",
			"create",
			"deleting",
			"deleted",
		]);
	});

	it("asks for passkey holders, or for users without one", () => {
		expect(toListInput({ passkey: "on" }, "UTC").hasPasskey).toBe(true);
		expect(toListInput({ passkey: "off" }, "UTC").hasPasskey).toBe(false);
		expect("hasPasskey" in toListInput({}, "UTC")).toBe(false);
	});

	it("turns the view into the API's filter, with days in the viewer's time zone", () => {
		expect(
			toListInput(
				{
					q: "ann",
					state: "active",
					role: "member",
					type: "human",
					mfa: "off",
					method: "sms",
					account: ACCOUNT,
					from: "2026-01-01",
					to: "2026-01-31",
					sort: "lastSignIn",
					dir: "desc",
					size: 100,
					cursor: CURSOR,
				},
				"Europe/Amsterdam",
			),
		).toEqual({
			search: "ann",
			states: ["active"],
			roleKeys: ["member"],
			userTypes: ["human"],
			mfaEnabled: false,
			mfaMethods: ["sms"],
			accountId: ACCOUNT,
			createdFrom: new Date("2025-12-31T23:00:00.000Z"),
			// "To 31 January" includes that whole day: the API's bound is exclusive.
			createdTo: new Date("2026-01-31T23:00:00.000Z"),
			sort: "lastSignIn",
			direction: "desc",
			cursor: CURSOR,
			limit: 100,
		});
	});
});

describe("exportHref", () => {
	it("sends the same filter and sort, without page or size, as superjson", () => {
		const href = exportHref({ state: "inactive", from: "2026-01-01", size: 10, cursor: CURSOR }, "UTC");
		const url = new URL(href, "http://portal.test");
		expect(url.pathname).toBe("/export/users.csv");
		expect(superjson.parse(url.searchParams.get("filter") ?? "")).toEqual({
			states: ["inactive"],
			createdFrom: new Date("2026-01-01T00:00:00.000Z"),
			sort: "name",
			direction: "asc",
		});
	});
});
