import { describe, expect, it } from "vitest";
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_KEYS, actionsOfCategory } from "./activity-categories";
import { AUDIT_ACTIONS } from "./audit-actions";

describe("activity categories", () => {
	it("places every audit action in exactly one category", () => {
		const placements = AUDIT_ACTIONS.map((action) => ({
			action,
			categories: ACTIVITY_CATEGORY_KEYS.filter((key) =>
				(ACTIVITY_CATEGORIES[key] as readonly string[]).includes(action),
			),
		}));
		expect(placements.filter(({ categories }) => categories.length !== 1)).toEqual([]);
	});

	it("lists no action twice within a category", () => {
		for (const key of ACTIVITY_CATEGORY_KEYS) {
			expect(new Set(ACTIVITY_CATEGORIES[key]).size).toBe(ACTIVITY_CATEGORIES[key].length);
		}
	});

	it("reads one category's actions, or every action when none is chosen", () => {
		expect(actionsOfCategory("sign_ins")).toContain("auth.sign_in");
		expect(actionsOfCategory("sign_ins")).not.toContain("auth.password_changed");
		expect(actionsOfCategory("security")).toContain("auth.password_changed");
		expect([...actionsOfCategory(undefined)].sort()).toEqual([...AUDIT_ACTIONS].sort());
	});

	it("offers the categories in a fixed order", () => {
		expect(ACTIVITY_CATEGORY_KEYS).toEqual(["sign_ins", "security", "account"]);
	});
});
