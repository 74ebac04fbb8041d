import type { z } from "zod";

/**
 * Base of every error core throws on purpose. Each carries a stable `code` from a closed union;
 * the API maps every code to a transport code exactly once (apps/api/src/errors.ts).
 */
export abstract class DomainError<TCode extends string = string> extends Error {
	abstract readonly code: TCode;
}

/**
 * What is wrong with one field as a code and the limits it names, never as a sentence, so a
 * reader is told in their own language (the portal words it in en, de and nl). `code` is zod's
 * issue code ("too_big", "invalid_format"…), or "custom" for a rule core checks itself, which
 * names no limit: the form says what the field needs.
 */
export interface FieldIssue {
	code: string;
	/** What kind of value the limit is about ("string", "number", "array", "date"). */
	origin?: string;
	minimum?: number;
	maximum?: number;
	/** The expected format of an `invalid_format` issue ("email", "uuid"…). */
	format?: string;
	/** A named rule that a "custom" issue broke (a cross-field rule of the policy, `POLICY_RULE_IDS`). */
	rule?: string;
}

/** A zod issue as a `FieldIssue`: its code and limits, without its English message. */
export function fieldIssueOf(issue: z.core.$ZodIssue): FieldIssue {
	const out: FieldIssue = { code: issue.code };
	if ("origin" in issue && typeof issue.origin === "string") out.origin = issue.origin;
	if (issue.code === "too_small") out.minimum = Number(issue.minimum);
	if (issue.code === "too_big") out.maximum = Number(issue.maximum);
	if (issue.code === "invalid_format") out.format = issue.format;
	if (issue.code === "custom" && typeof issue.params?.rule === "string") out.rule = issue.params.rule;
	return out;
}

/** Field path ("address.city", "" for the input itself) → its issues, in order. */
function groupByField<T>(
	issues: readonly z.core.$ZodIssue[],
	fieldOf: (path: string) => string,
	map: (issue: z.core.$ZodIssue) => T,
) {
	const out: Record<string, T[]> = {};
	for (const issue of issues) {
		const field = fieldOf(issue.path.map(String).join("."));
		out[field] = [...(out[field] ?? []), map(issue)];
	}
	return out;
}

/** A zod issue in English for API callers and logs; unknown keys are named, as zod's message does not. */
function messageOf(issue: z.core.$ZodIssue): string {
	return issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}` : issue.message;
}

/**
 * Input broke a rule. `fieldErrors` names the fields (as the caller spelled them) and says why in
 * English, for API callers and logs; `fieldIssues` says the same as codes, for a reader's language.
 */
export class ValidationError extends DomainError<"VALIDATION"> {
	readonly code = "VALIDATION";
	readonly fieldIssues: Record<string, FieldIssue[]>;
	constructor(
		readonly fieldErrors: Record<string, string[]>,
		fieldIssues?: Record<string, FieldIssue[]>,
	) {
		super(
			Object.entries(fieldErrors)
				.map(([field, messages]) => `${field}: ${messages.join(", ")}`)
				.join("; ") || "Invalid input",
		);
		this.fieldIssues =
			fieldIssues ??
			Object.fromEntries(
				Object.entries(fieldErrors).map(([field, messages]) => [field, messages.map(() => ({ code: "custom" }))]),
			);
	}

	/** A failed zod parse, each issue under `fieldOf(its path)` (default: the path, "_" when empty). */
	static fromZod(error: z.ZodError, fieldOf: (path: string) => string = (path) => path || "_"): ValidationError {
		return new ValidationError(
			groupByField(error.issues, fieldOf, messageOf),
			groupByField(error.issues, fieldOf, fieldIssueOf),
		);
	}
}

export type SharedErrorCode = ValidationError["code"];
