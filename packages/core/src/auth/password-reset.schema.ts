/**
 * Self-service password reset: inputs and outputs shared by the API and the portal. The token
 * travels only in the link's fragment and in POST bodies, never in a URL a server logs.
 */
import { z } from "zod";
import { ZOkOutput, ZPasswordText, ZTenantSlug } from "../shared/common.schema";
import { ZSignInInput } from "./auth.schema";

/**
 * "Forgot password?": the organisation and the address, taken exactly like sign-in takes them
 * (trimmed, lower-cased, not validated as an address), so an unknown one simply matches nobody.
 */
export const ZRequestPasswordResetInput = z.strictObject({
	tenant: ZTenantSlug,
	email: ZSignInInput.shape.email,
});
export type TRequestPasswordResetInput = z.output<typeof ZRequestPasswordResetInput>;

/** Always the same answer, whether or not the address belongs to anyone (SECURITY A16). */
export const ZRequestPasswordResetOutput = ZOkOutput;

/** A reset token as it arrives from the fragment; a token of the wrong shape is simply unknown. */
export const ZPasswordResetToken = z.string().min(1).max(256);

export const ZLookupPasswordResetInput = z.strictObject({ token: ZPasswordResetToken });

/** What the reset page shows before the new password is chosen: where, for whom (masked), until when. */
export const ZLookupPasswordResetOutput = z.object({
	tenant: z.string(),
	organisation: z.string(),
	email: z.string(),
	expiresAt: z.date(),
});
export type TLookupPasswordResetOutput = z.output<typeof ZLookupPasswordResetOutput>;

export const ZCompletePasswordResetInput = z.strictObject({
	token: ZPasswordResetToken,
	// The byte cap (1 KiB UTF-8) and every rule are enforced in core; this bounds the JSON itself.
	password: ZPasswordText,
});
export type TCompletePasswordResetInput = z.output<typeof ZCompletePasswordResetInput>;

/** Done; no session: the person signs in with the new password (and their second factor). */
export const ZCompletePasswordResetOutput = z.object({ ok: z.literal(true), tenant: z.string() });
export type TCompletePasswordResetOutput = z.output<typeof ZCompletePasswordResetOutput>;

/** An administrator sends a user a reset link. */
export const ZSendPasswordResetInput = z.strictObject({ userId: z.uuid() });
