import { DEFAULT_TENANT_POLICY, POLICY_FIELD_SCHEMAS, type TenantPolicy } from "@tessera/core/policy/tenant-policy";
import { describe, expect, it } from "vitest";
import { changeCount, draftIssues, POLICY_FORM, parseDayList, patchOf, withValue } from "./policy-form";

const copy = (): TenantPolicy => structuredClone(DEFAULT_TENANT_POLICY) as TenantPolicy;
const fieldAt = (path: string) => {
	const found = POLICY_FORM.flatMap((section) => section.fields).find((target) => target.path === path);
	if (!found) throw new Error(`no field ${path}`);
	return found;
};

describe("the policy form", () => {
	it("offers every setting the API takes, once", () => {
		const offered = POLICY_FORM.flatMap((section) => section.fields.map((target) => target.path)).sort();
		const taken = Object.entries(POLICY_FIELD_SCHEMAS)
			.flatMap(([section, shape]) => Object.keys(shape).map((key) => `${section}.${key}`))
			.sort();
		expect(offered).toEqual(taken);
	});

	it("reads each number's bounds from core's schema", () => {
		expect(fieldAt("password.minLength").bounds).toEqual({ min: 12, max: 256 });
		expect(fieldAt("password.maxAgeDays").bounds).toEqual({ min: 1, max: 90 });
		expect(fieldAt("password.reminderDays").bounds).toEqual({ min: 1, max: 89 });
		expect(fieldAt("lockout.durationMinutes").bounds).toEqual({ min: 30, max: 1440 });
		expect(fieldAt("mfa.allowedMethods").bounds).toBeNull();
	});

	it("names the standards behind a setting", () => {
		expect(fieldAt("lockout.threshold").standards).toContain("PCI DSS 8.3.4");
	});

	it("sends only the fields that changed, lists compared by content", () => {
		const saved = copy();
		let draft = withValue(saved, fieldAt("lockout.threshold"), 5);
		draft = withValue(draft, fieldAt("password.reminderDays"), [...saved.password.reminderDays]);
		expect(patchOf(saved, draft)).toEqual({ lockout: { threshold: 5 } });
		expect(changeCount(saved, draft)).toBe(1);
		draft = withValue(draft, fieldAt("password.maxAgeDays"), null);
		expect(patchOf(saved, draft)).toEqual({ lockout: { threshold: 5 }, password: { maxAgeDays: null } });
		expect(changeCount(saved, saved)).toBe(0);
		// The saved policy is never changed by editing the draft.
		expect(saved).toEqual(DEFAULT_TENANT_POLICY);
	});

	it("finds a broken cross-field rule under its field, by the rule's name, before anything is sent", () => {
		const draft = withValue(copy(), fieldAt("password.minLength"), 12);
		expect(draftIssues(draft)).toEqual({ "password.minLength": [{ code: "custom", rule: "singleFactorMinLength" }] });
		expect(draftIssues(withValue(draft, fieldAt("mfa.required"), "all"))).toEqual({});
	});

	it("puts a bad list item's problem on the list, and an emptied number on its field", () => {
		const issues = draftIssues(withValue(copy(), fieldAt("password.reminderDays"), [14, 200]));
		expect(Object.keys(issues)).toEqual(["password.reminderDays"]);
		expect(Object.keys(draftIssues(withValue(copy(), fieldAt("lockout.threshold"), Number.NaN)))).toEqual([
			"lockout.threshold",
		]);
	});

	it("reads reminder days as typed, keeping what is not a whole number as NaN", () => {
		expect(parseDayList("14, 7 ,3;1")).toEqual([14, 7, 3, 1]);
		expect(parseDayList("")).toEqual([]);
		expect(parseDayList("7, x, 1.5")).toEqual([7, Number.NaN, Number.NaN]);
	});
});
