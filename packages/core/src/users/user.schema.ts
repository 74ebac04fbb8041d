/**
 * Input rules for user properties, shared by the API (procedure inputs) and the portal (forms).
 * Strict objects: an unknown key (state, version of another kind, tenant, role, emailVerified…)
 * is refused, never silently dropped or applied.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";
import { SUPPORTED_LANGUAGES } from "./languages";

export { SUPPORTED_LANGUAGES, type SupportedLanguage } from "./languages";

// IANA names in their exact spelling: ICU also knows links ("Asia/Kolkata", "Europe/Kyiv") that
// browsers report but Intl.supportedValuesOf omits, so ICU decides validity and this shape decides case.
const TIME_ZONE_SHAPE = /^(?:UTC|[A-Z][A-Za-z_]*(?:\/[A-Za-z0-9_+-]+){1,2})$/;
function isKnownTimeZone(value: string): boolean {
	if (!TIME_ZONE_SHAPE.test(value)) return false;
	try {
		new Intl.DateTimeFormat("en", { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

/**
 * The zone a user's dates are counted in: the first of `zones` that is a known IANA name (their
 * profile's, then, where a client says it, their device's, as the portal shows times), else UTC.
 */
export function timeZoneOrUtc(...zones: readonly (string | null | undefined)[]): string {
	return zones.find((zone): zone is string => typeof zone === "string" && isKnownTimeZone(zone)) ?? "UTC";
}

// Control characters and bidi overrides make names render misleadingly in admin tables and logs.
const FORBIDDEN_NAME_CHARS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

const codePoints = (value: string) => [...value].length;

/** A person's name part: trimmed, 1–100 code points, no control characters; empty means "clear". */
export const ZName = z
	.string()
	.max(400)
	.transform((value) => value.trim())
	// A "too_big" issue, not a bare refinement, so a form can say which limit was crossed.
	.check((ctx) => {
		if (codePoints(ctx.value) > 100) {
			ctx.issues.push({
				code: "too_big",
				origin: "string",
				maximum: 100,
				inclusive: true,
				input: ctx.value,
				message: "Must be at most 100 characters",
			});
		}
	})
	.refine((value) => !FORBIDDEN_NAME_CHARS.test(value), "Must not contain control characters")
	.transform((value) => (value === "" ? null : value));

/** Email: trimmed, lower-cased (the stored form is normalised so uniqueness is case-insensitive). */
export const ZEmail = z
	.string()
	.trim()
	.toLowerCase()
	.max(254, "Must be at most 254 characters")
	.pipe(z.email("Must be a valid email address"));

/** Mobile phone in E.164; accepts common spellings ("+31 6 1234 5678") and stores the canonical form. */
export const ZPhone = z
	.string()
	.max(32, "Must be at most 32 characters")
	.transform((value, ctx) => {
		const trimmed = value.trim();
		if (trimmed === "") return null;
		// libphonenumber extracts a number from surrounding text; we want the whole input to be one.
		const parsed = /^\+[0-9 ().-]{6,30}$/.test(trimmed) ? parsePhoneNumberFromString(trimmed) : undefined;
		if (!parsed?.isValid()) {
			ctx.addIssue({
				code: "custom",
				message: "Must be a valid phone number in international format, e.g. +31612345678",
			});
			return z.NEVER;
		}
		return parsed.number;
	});

/** A BCP 47 language tag whose language we support (en, de, nl, with optional region: de-CH). */
export const ZLanguage = z
	.string()
	.max(35)
	.transform((value, ctx) => {
		try {
			const [canonical] = Intl.getCanonicalLocales(value);
			const primary = canonical?.split("-")[0];
			if (canonical && primary && (SUPPORTED_LANGUAGES as readonly string[]).includes(primary)) return canonical;
		} catch {
			// fall through: not a well-formed tag
		}
		ctx.addIssue({
			code: "custom",
			message: `Must be one of the supported languages: ${SUPPORTED_LANGUAGES.join(", ")}`,
		});
		return z.NEVER;
	});

/** An IANA time zone known to this runtime, e.g. Europe/Amsterdam. */
export const ZTimeZone = z
	.string()
	.max(64)
	.refine(isKnownTimeZone, "Must be an IANA time zone such as Europe/Amsterdam");

export const ZUsername = z
	.string()
	.trim()
	.min(3, "Must be at least 3 characters")
	.max(64, "Must be at most 64 characters")
	.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Letters, digits, dot, dash and underscore only");

export const ZVersion = z.number().int().min(1).max(2_147_483_647);

/** What a user may change about themselves. Identity, state and security fields are not here. */
export const ZUpdateProfileInput = z.strictObject({
	version: ZVersion,
	firstName: ZName.nullable().optional(),
	lastName: ZName.nullable().optional(),
	phone: ZPhone.nullable().optional(),
	language: ZLanguage.nullable().optional(),
	timeZone: ZTimeZone.nullable().optional(),
});
export type TUpdateProfileInput = z.output<typeof ZUpdateProfileInput>;

/** A new email address; the switch happens only once a code sent there is confirmed. */
export const ZRequestEmailChangeInput = z.strictObject({ email: ZEmail });

/** A new mobile number; it must be one (an empty value is refused, not a way to clear it). */
export const ZRequestPhoneChangeInput = z.strictObject({
	phone: ZPhone.refine((value) => value !== null, "Enter a number"),
});
