import { fieldIssueOf } from "@tessera/core/shared/errors";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { describeIssue } from "./field-issues";

/**
 * The longest string a field's schema takes before any transform (its `.max()`), for the input's
 * `maxLength`, so the attribute cannot drift from the rule; undefined when the schema sets none.
 */
export function maxLengthOf(schema: z.core.$ZodType): number | undefined {
	let inner = schema;
	for (;;) {
		if (inner instanceof z.ZodPipe) {
			inner = inner.in;
		} else if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) {
			inner = inner.unwrap();
		} else {
			return inner instanceof z.ZodString ? (inner.maxLength ?? undefined) : undefined;
		}
	}
}

export interface SchemaForm<TValues> {
	values: TValues;
	setValue<K extends keyof TValues>(field: K, value: TValues[K]): void;
	/** Replaces every value (after a save, or a reload from the server). */
	reset(values: TValues): void;
	/** The first problem with each field, translated; shown only after a submit attempt. */
	errors: Partial<Record<keyof TValues, string>>;
	submitted: boolean;
	/**
	 * Marks the form submitted and checks what it would send against the schema: the parsed input
	 * when it passes (send it), null when it does not (the errors are shown).
	 */
	validate(): unknown;
}

/**
 * The portal's one way to hold a form: the values as the inputs hold them, and validation by the
 * same zod schema core applies to the procedure's input (`toInput` maps the values to that
 * input). The server still decides; this only saves a round trip and words the problem where
 * the field is. An issue's path names the field it belongs to (its first element).
 */
export function useSchemaForm<TValues extends object, TSchema extends z.ZodType>(options: {
	initial: TValues | (() => TValues);
	schema: TSchema;
	toInput: (values: TValues) => unknown;
	/**
	 * What to say when a field fails one of the schema's own checks (a refinement, issue code
	 * "custom", e.g. "a valid phone number"): only the form knows how to word those; without an
	 * entry the generic `validation.invalid` is shown.
	 */
	customMessages?: Partial<Record<keyof TValues, string>>;
}): Omit<SchemaForm<TValues>, "validate"> & { validate(): z.output<TSchema> | null } {
	const { t } = useTranslation();
	const [values, setValues] = useState<TValues>(options.initial);
	const [submitted, setSubmitted] = useState(false);
	const { schema, toInput, customMessages } = options;

	const check = useCallback(
		(current: TValues) => {
			const parsed = schema.safeParse(toInput(current));
			const errors: Partial<Record<keyof TValues, string>> = {};
			if (!parsed.success) {
				for (const issue of parsed.error.issues) {
					const field = issue.path[0];
					if (typeof field === "string" && field in current && !(field in errors)) {
						const key = field as keyof TValues;
						const value: unknown = current[key];
						// A field left empty can only be fixed by filling it in, whichever check refused it
						// (ZName turns "" into null, which a required label then refuses as the wrong type).
						errors[key] =
							typeof value === "string" && value.trim() === ""
								? t("validation.required")
								: ((issue.code === "custom" ? customMessages?.[key] : undefined) ??
									describeIssue(fieldIssueOf(issue), t));
					}
				}
			}
			return { parsed, errors };
		},
		[schema, toInput, customMessages, t],
	);

	const { errors } = submitted ? check(values) : { errors: {} };

	return {
		values,
		setValue: (field, value) => setValues((current) => ({ ...current, [field]: value })),
		reset: (next) => {
			setValues(next);
			setSubmitted(false);
		},
		errors,
		submitted,
		validate: () => {
			setSubmitted(true);
			const { parsed } = check(values);
			return parsed.success ? (parsed.data as z.output<TSchema>) : null;
		},
	};
}
