import type { FieldIssue } from "@tessera/core/shared/errors";
import type { TFunction } from "i18next";

/**
 * One sentence per field issue, in the UI language: the portal never shows zod's or the server's
 * English. The limits come from the issue itself (core's schema put them there), so the message
 * says what the rule says. Issues found in the browser (`fieldIssueOf` on a zod issue) and those
 * the server sends (`error.data.fieldIssues`) have the same shape and read the same.
 */
export function describeIssue(issue: FieldIssue, t: TFunction): string {
	switch (issue.code) {
		case "too_small":
			if (issue.origin === "string") {
				return (issue.minimum ?? 0) <= 1 ? t("validation.required") : t("validation.tooShort", { min: issue.minimum });
			}
			return t("validation.tooSmall", { min: issue.minimum });
		case "too_big":
			if (issue.origin === "string") return t("validation.tooLong", { max: issue.maximum });
			return t("validation.tooBig", { max: issue.maximum });
		case "invalid_format":
			return issue.format === "email" ? t("validation.email") : t("validation.format");
		case "invalid_value":
			return t("validation.choice");
		case "unrecognized_keys":
			return t("validation.unknownField");
		default:
			return t("validation.invalid");
	}
}

/**
 * What the server found wrong with a field, worded, to show after the form's own message for
 * it; null when that message already says it all (rules core checks itself name no limit).
 */
export function describeServerIssues(issues: readonly FieldIssue[], t: TFunction): string | null {
	const worded = issues.filter((issue) => issue.code !== "custom").map((issue) => describeIssue(issue, t));
	return worded.length > 0 ? [...new Set(worded)].join(" ") : null;
}
