import type { PasswordContextSource, PasswordViolation } from "@tessera/core/passwords/password-rules";
import type { TFunction } from "i18next";

const SOURCE_KEYS = {
	product: "passwordRules.sources.product",
	tenant: "passwordRules.sources.tenant",
	email: "passwordRules.sources.email",
	name: "passwordRules.sources.name",
	username: "passwordRules.sources.username",
	other: "passwordRules.sources.other",
} as const satisfies Record<PasswordContextSource, string>;

function listOf(items: string[], locale: string): string {
	return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}

/**
 * One sentence per reason the server refused a new password (PASSWORD.POLICY_VIOLATION), in the
 * UI language. zxcvbn's own English feedback is not shown: it cannot be translated.
 */
export function describeViolation(violation: PasswordViolation, t: TFunction, locale: string): string {
	switch (violation.code) {
		case "TOO_SHORT":
			return t("passwordRules.tooShort", { min: violation.min });
		case "TOO_LONG":
			return t("passwordRules.tooLong", { max: violation.max });
		case "TOO_MANY_BYTES":
			return t("passwordRules.tooManyBytes");
		case "NEEDS_LETTER_AND_DIGIT":
			return t("passwordRules.needsLetterAndDigit");
		case "COMMON_PASSWORD":
			return t("passwordRules.common");
		case "CONTAINS_CONTEXT": {
			const sources = (violation.sources ?? []).filter((source) => Object.hasOwn(SOURCE_KEYS, source));
			return sources.length > 0
				? t("passwordRules.containsContext", {
						sources: listOf(
							sources.map((source) => t(SOURCE_KEYS[source])),
							locale,
						),
					})
				: t("passwordRules.containsContextGeneric");
		}
		case "TOO_WEAK":
			return t("passwordRules.tooWeak");
		default:
			// A rule newer than this portal: still say that the password was refused.
			return t("passwordRules.unknown");
	}
}
