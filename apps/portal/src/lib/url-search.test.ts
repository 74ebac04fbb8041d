import { describe, expect, it } from "vitest";
import { zTabSearch } from "./url-search";

describe("tab search param", () => {
	const ZSearch = zTabSearch(["profile", "security", "roles"] as const);

	it("keeps a known tab", () => {
		expect(ZSearch.parse({ tab: "security" })).toEqual({ tab: "security" });
	});

	it("leaves the default tab out, so each view has one URL", () => {
		expect(ZSearch.parse({ tab: "profile" })).toEqual({});
		expect(ZSearch.parse({})).toEqual({});
	});

	it("drops an unknown or malformed tab instead of failing the page", () => {
		expect(ZSearch.parse({ tab: "danger" })).toEqual({});
		expect(ZSearch.parse({ tab: 3 })).toEqual({});
		expect(ZSearch.parse({ tab: ["security"] })).toEqual({});
	});
});
