/**
 * Sign-in, re-authentication and session inputs and outputs, shared by the API (procedure input
 * and output) and any typed caller. Tokens never appear here: they travel in cookies.
 */
import { REQUIRED_ACTIONS } from "@tessera/db/schema";
import { z } from "zod";
import { ZAuthenticationResponseJSON } from "../passkeys/passkey.schema";
import { ZPasswordText, ZTenantSlug } from "../shared/common.schema";
import { SUPPORTED_LANGUAGES } from "../users/languages";

/** What the sign-in page needs before anyone is signed in. Reveals nothing about users. */
export const ZAuthConfigOutput = z.object({
	defaultTenant: z.string().nullable(),
	languages: z.array(z.enum(SUPPORTED_LANGUAGES)),
});

/**
 * Sign-in input. The email is only trimmed and lower-cased (not validated as an address): an
 * unknown string simply fails to match, with the same generic answer as a wrong password.
 */
export const ZSignInInput = z.strictObject({
	tenant: ZTenantSlug,
	email: z.string().trim().toLowerCase().min(1).max(254),
	// The byte cap (1 KiB) is enforced in core before hashing; this bounds the JSON itself.
	password: ZPasswordText,
});
export type TSignInInput = z.infer<typeof ZSignInInput>;

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

/** Where a sign-in flow stands, for a page reloaded between steps. */
export const ZFlowStateOutput = z.object({
	stage: z.enum(["mfa", "password_change", "required_actions"]),
	methods: z.array(ZSecondFactor),
	preferred: ZSecondFactor.nullable(),
	destinations: z.object({ sms: z.string().nullable(), email: z.string().nullable() }),
	/** Email would be a second factor, but not right after a reset by email link: the page says why. */
	emailHeldBack: z.boolean(),
});

/** Which channel a sign-in code goes out on. */
export const ZSendSignInCodeInput = z.strictObject({ channel: z.enum(["sms", "email"]) });

/** A second-factor code during sign-in. */
export const ZSignInCodeInput = z.strictObject({
	method: z.enum(["totp", "sms", "email", "recovery_code"]),
	// Digits for TOTP/SMS/email; recovery codes are 16 Crockford characters with optional dashes.
	code: z.string().trim().min(6).max(24),
});
export type TSignInCodeInput = z.infer<typeof ZSignInCodeInput>;

/** The new password of a forced change during sign-in. */
export const ZNewPasswordInput = z.strictObject({ newPassword: ZPasswordText });

/** Passwordless sign-in: options are issued per organisation. */
export const ZPasskeySignInOptionsInput = z.strictObject({ tenant: ZTenantSlug });

export const ZPasskeySignInVerifyInput = z.strictObject({ tenant: ZTenantSlug, response: ZAuthenticationResponseJSON });

/** Changing one's own password: the current one is the proof of identity. */
export const ZChangePasswordInput = z.strictObject({ currentPassword: ZPasswordText, newPassword: ZPasswordText });
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;

/** Proving identity again with a password or an authenticator code. */
export const ZReauthInput = z.discriminatedUnion("method", [
	z.strictObject({ method: z.literal("password"), password: ZPasswordText }),
	z.strictObject({ method: z.literal("totp"), code: z.string().trim().min(6).max(8) }),
]);
export type TReauthInput = z.infer<typeof ZReauthInput>;

/** One of the caller's own live sessions, with its device as parsed from the user agent. */
export const ZSessionView = z.object({
	id: z.uuid(),
	current: z.boolean(),
	createdAt: z.date(),
	lastActiveAt: z.date(),
	ip: z.string().nullable(),
	browser: z.string().nullable(),
	os: z.string().nullable(),
	device: z.string().nullable(),
});
export const ZSessionListOutput = z.array(ZSessionView);

export const ZRevokeSessionInput = z.strictObject({ sessionId: z.uuid() });

/** How many other sessions were ended. */
export const ZRevokeOtherSessionsOutput = z.object({ revoked: z.number() });

/** Whose password rules to show: the organisation as typed. */
export const ZPasswordPolicyInput = z.strictObject({ tenant: ZTenantSlug });
