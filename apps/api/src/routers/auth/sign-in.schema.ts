import { REQUIRED_ACTIONS } from "@tessera/db/schema";
import { z } from "zod";

/**
 * Sign-in input. The email is only trimmed and lower-cased (not validated as an address): an
 * unknown string simply fails to match, with the same generic answer as a wrong password.
 */
export const ZSignInInput = z.strictObject({
	tenant: z.string().trim().toLowerCase().min(1).max(63),
	email: z.string().trim().toLowerCase().min(1).max(254),
	// The byte cap (1 KiB) is enforced in core before hashing; this bounds the JSON itself.
	password: z.string().min(1).max(1024),
});

export const ZSecondFactor = z.enum(["totp", "sms", "email", "passkey", "recovery_code"]);

/** What sign-in answers at every step: done, or which step comes next. The flow token is a cookie. */
export const ZSignInOutput = z.discriminatedUnion("status", [
	z.object({ status: z.literal("signed_in"), userId: z.uuid(), requiredActions: z.array(z.enum(REQUIRED_ACTIONS)) }),
	z.object({
		status: z.literal("mfa_required"),
		methods: z.array(ZSecondFactor),
		preferred: ZSecondFactor.nullable(),
		expiresAt: z.date(),
	}),
	z.object({
		status: z.literal("password_change_required"),
		reason: z.enum(["expired", "required"]),
		expiresAt: z.date(),
	}),
]);
export type TSignInOutput = z.output<typeof ZSignInOutput>;

export const ZCodeInput = z.strictObject({
	method: z.enum(["totp", "sms", "email", "recovery_code"]),
	// Digits for TOTP/SMS/email; recovery codes are 16 Crockford characters with optional dashes.
	code: z.string().trim().min(6).max(24),
});

export const ZNewPasswordInput = z.strictObject({ newPassword: z.string().min(1).max(1024) });
