import { describe, expect, it } from "vitest";
import { ZOwnActivityInput } from "./own-activity.schema";

describe("ZOwnActivityInput", () => {
	it("defaults the page size and leaves the category out for every event", () => {
		expect(ZOwnActivityInput.parse({})).toEqual({ limit: 25 });
	});

	it("takes a known category and a listed page size", () => {
		expect(ZOwnActivityInput.parse({ category: "security", limit: 50 })).toEqual({ category: "security", limit: 50 });
	});

	it.each([
		{ category: "everything" },
		{ category: "" },
		{ limit: 26 },
		{ limit: 1000 },
		{ limit: "25" },
		{ cursor: "x".repeat(257) },
		{ userId: "00000000-0000-4000-8000-000000000000" },
		{ targetUserId: "00000000-0000-4000-8000-000000000000" },
	])("refuses %o", (input) => {
		expect(ZOwnActivityInput.safeParse(input).success).toBe(false);
	});
});
