/**
 * The strength meter's question and answer. Its own file, free of zxcvbn, so the API's router
 * can load it eagerly and the portal can name its types without shipping the dictionaries.
 */
import { z } from "zod";
import { ZPasswordText, ZTenantSlug } from "../shared/common.schema";
import type { PasswordContextSource, PasswordStrengthEstimate, PasswordViolation } from "./password-rules";

// Long enough for any email address (RFC 5321: 254) or organisation name; short enough that
// the context words cost nothing next to zxcvbn itself.
const ZContextText = z.string().max(320).nullish();

/**
 * What the page knows about the person and organisation, as the page itself knows it: nothing
 * here is looked up, so the answer can say nothing about any account.
 */
export const ZPasswordStrengthContext = z.strictObject({
	/** Also names whose password policy is checked; without it only the estimate is given. */
	tenantSlug: ZTenantSlug.nullish(),
	tenantName: ZContextText,
	email: ZContextText,
	firstName: ZContextText,
	lastName: ZContextText,
	username: ZContextText,
	extraWords: z.array(z.string().max(200)).max(20).optional(),
});

export const ZPasswordStrengthInput = z.strictObject({
	password: ZPasswordText,
	context: ZPasswordStrengthContext,
});
export type PasswordStrengthInput = z.infer<typeof ZPasswordStrengthInput>;

const ZPasswordContextSource = z.enum([
	"product",
	"tenant",
	"email",
	"name",
	"username",
	"other",
]) satisfies z.ZodType<PasswordContextSource>;

const ZPasswordViolation = z.discriminatedUnion("code", [
	z.strictObject({ code: z.literal("TOO_SHORT"), min: z.number() }),
	z.strictObject({ code: z.literal("TOO_LONG"), max: z.number() }),
	z.strictObject({ code: z.literal("TOO_MANY_BYTES"), maxBytes: z.number() }),
	z.strictObject({ code: z.literal("NEEDS_LETTER_AND_DIGIT") }),
	z.strictObject({ code: z.literal("COMMON_PASSWORD") }),
	z.strictObject({ code: z.literal("CONTAINS_CONTEXT"), sources: z.array(ZPasswordContextSource) }),
	z.strictObject({
		code: z.literal("TOO_WEAK"),
		score: z.number(),
		min: z.number(),
		warning: z.string().optional(),
		suggestions: z.array(z.string()).optional(),
	}),
]) satisfies z.ZodType<PasswordViolation>;

const ZPasswordStrengthEstimate = z.strictObject({
	score: z.number().int().min(0).max(4),
	warning: z.string().nullable(),
	suggestions: z.array(z.string()),
	crackTimeDisplay: z.string(),
}) satisfies z.ZodType<PasswordStrengthEstimate>;

export const ZPasswordStrengthOutput = z.strictObject({
	estimate: ZPasswordStrengthEstimate,
	/** What the server would refuse under the organisation's policy; null without an organisation. */
	violations: z.array(ZPasswordViolation).nullable(),
});
export type PasswordStrengthOutput = z.infer<typeof ZPasswordStrengthOutput>;
