/**
 * Small inputs and outputs many procedures share, defined once so every caller sees the same
 * shape and the same message.
 */
import { z } from "zod";

/** A 6-digit one-time code (authenticator app, SMS, email), surrounding spaces ignored. */
export const ZSixDigitCode = z
	.string()
	.trim()
	.regex(/^\d{6}$/, "Enter the 6-digit code");

export const ZSixDigitCodeInput = z.strictObject({ code: ZSixDigitCode });
export type TSixDigitCodeInput = z.infer<typeof ZSixDigitCodeInput>;

/** The answer of a change that has nothing to report but that it happened. */
export const ZOkOutput = z.object({ ok: z.literal(true) });
export type TOkOutput = z.output<typeof ZOkOutput>;

/** A code was sent; it stops working at `expiresAt`. */
export const ZCodeSentOutput = z.object({ expiresAt: z.date() });
export type TCodeSentOutput = z.output<typeof ZCodeSentOutput>;

/** A password exactly as typed, whatever its characters; the byte cap (1 KiB) is enforced in core before hashing. */
export const ZPasswordText = z.string().min(1).max(1024);

/** An organisation's slug as typed on the sign-in page: trimmed and lower-cased. */
export const ZTenantSlug = z.string().trim().toLowerCase().min(1).max(63);
