/**
 * The rules a new password must meet, as a list a page shows before anyone types: the same
 * policy `checkPasswordRules` enforces, stated once per rule. Light on purpose (no dictionaries),
 * so a page can show it at once and load the checker only when someone starts typing.
 */
import type { PasswordPolicy } from "../policy/tenant-policy";
import type { PasswordViolationCode } from "./password-rules";

export type PasswordRequirement =
	| { rule: "min_length"; min: number }
	| { rule: "letter_and_digit" }
	| { rule: "not_common" }
	| { rule: "not_personal" }
	| { rule: "hard_to_guess" }
	| { rule: "not_recent"; count: number };

export type PasswordRequirementRule = PasswordRequirement["rule"];

/** The requirements of `policy`, in the order a person reads them. */
export function passwordRequirements(policy: PasswordPolicy): PasswordRequirement[] {
	return [
		{ rule: "min_length", min: policy.minLength },
		...(policy.pciComplexity ? [{ rule: "letter_and_digit" as const }] : []),
		{ rule: "not_common" },
		{ rule: "not_personal" },
		...(policy.minStrengthScore > 0 ? [{ rule: "hard_to_guess" as const }] : []),
		{ rule: "not_recent", count: policy.historyCount },
	];
}

/**
 * Which requirement a refusal breaks, so a page can mark it as not met while the person types.
 * `not_recent` has no violation here: only the server knows earlier passwords.
 */
export const REQUIREMENT_OF_VIOLATION: Partial<Record<PasswordViolationCode, PasswordRequirementRule>> = {
	TOO_SHORT: "min_length",
	NEEDS_LETTER_AND_DIGIT: "letter_and_digit",
	COMMON_PASSWORD: "not_common",
	CONTAINS_CONTEXT: "not_personal",
	TOO_WEAK: "hard_to_guess",
};
