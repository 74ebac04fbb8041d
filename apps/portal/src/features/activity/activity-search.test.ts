import { describe, expect, it } from "vitest";
import { hasFilters, pageSizeOf, toListInput, withChanges, withoutFilters, ZActivitySearch } from "./activity-search";

describe("ZActivitySearch", () => {
	it("reads a plain /activity as every event, newest first, default page size", () => {
		const search = ZActivitySearch.parse({});
		expect(search).toEqual({});
		expect(toListInput(search)).toEqual({ limit: 25 });
		expect(hasFilters(search)).toBe(false);
	});

	it("keeps a known category, an offered page size (as number or text) and a cursor", () => {
		expect(ZActivitySearch.parse({ category: "security", size: 50, cursor: "abc" })).toEqual({
			category: "security",
			size: 50,
			cursor: "abc",
		});
		expect(ZActivitySearch.parse({ size: "10" })).toEqual({ size: 10 });
	});

	it("drops what the API would refuse, so an edited link still opens the page", () => {
		expect(ZActivitySearch.parse({ category: "everything", size: 26, cursor: "x".repeat(300) })).toEqual({});
		expect(ZActivitySearch.parse({ category: 7, size: "many" })).toEqual({});
	});

	it("leaves the default page size out of the URL", () => {
		expect(ZActivitySearch.parse({ size: 25 })).toEqual({});
	});

	it("reads a cursor the router parsed as a number as text", () => {
		expect(ZActivitySearch.parse({ cursor: 123 })).toEqual({ cursor: "123" });
	});
});

describe("changing the view", () => {
	it("starts again at the newest events when the category or page size changes", () => {
		const onPage = ZActivitySearch.parse({ category: "sign_ins", cursor: "abc", size: 10 });
		expect(withChanges(onPage, { category: "security" })).toEqual({ category: "security", size: 10 });
		expect(withChanges(onPage, { size: 50 })).toEqual({ category: "sign_ins", size: 50 });
	});

	it("reads the empty choice as every category", () => {
		const search = ZActivitySearch.parse({ category: "account" });
		expect(withChanges(search, { category: "" })).toEqual({});
		expect(withoutFilters(ZActivitySearch.parse({ category: "account", size: 50 }))).toEqual({ size: 50 });
	});

	it("asks the API for the view's page", () => {
		const search = ZActivitySearch.parse({ category: "security", cursor: "abc", size: 10 });
		expect(pageSizeOf(search)).toBe(10);
		expect(toListInput(search)).toEqual({ category: "security", cursor: "abc", limit: 10 });
	});
});
