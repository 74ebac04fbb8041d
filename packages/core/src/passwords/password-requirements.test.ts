import { describe, expect, it } from "vitest";
import { DEFAULT_TENANT_POLICY } from "../policy/tenant-policy";
import { passwordRequirements, REQUIREMENT_OF_VIOLATION } from "./password-requirements";
import { checkPasswordRules, type PasswordViolation } from "./password-rules";

const DEFAULTS = DEFAULT_TENANT_POLICY.password;

describe("passwordRequirements", () => {
	it("states every rule of the default policy, the digit rule included", () => {
		expect(passwordRequirements(DEFAULTS).map((r) => r.rule)).toEqual([
			"min_length",
			"letter_and_digit",
			"not_common",
			"not_personal",
			"hard_to_guess",
			"not_recent",
		]);
		expect(passwordRequirements(DEFAULTS)[0]).toEqual({ rule: "min_length", min: DEFAULTS.minLength });
	});

	it("leaves out what the tenant turned off", () => {
		const rules = passwordRequirements({ ...DEFAULTS, pciComplexity: false, minStrengthScore: 0 }).map((r) => r.rule);
		expect(rules).not.toContain("letter_and_digit");
		expect(rules).not.toContain("hard_to_guess");
	});

	it("names, for each refusal the checker gives, a requirement the list shows", () => {
		// The passphrase that was refused without warning: strong, but without a digit.
		const result = checkPasswordRules("correct horse battery staple orbit", DEFAULTS, {});
		expect(result.ok).toBe(false);
		const violations: PasswordViolation[] = result.ok ? [] : result.violations;
		const shown = new Set(passwordRequirements(DEFAULTS).map((r) => r.rule));
		for (const violation of violations) {
			const requirement = REQUIREMENT_OF_VIOLATION[violation.code];
			expect(requirement && shown.has(requirement)).toBe(true);
		}
		expect(violations.map((v) => REQUIREMENT_OF_VIOLATION[v.code])).toContain("letter_and_digit");
	});
});
