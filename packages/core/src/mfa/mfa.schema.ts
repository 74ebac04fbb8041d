/**
 * Second-factor settings: the Security page's overview, method choices, TOTP enrolment and
 * recovery codes. Shared by the API (procedure input and output) and the portal.
 */
import { REQUIRED_ACTIONS, TWO_FACTOR_TYPES } from "@tessera/db/schema";
import { z } from "zod";
import { ZPasskeyView } from "../passkeys/passkey.schema";
import { ZOkOutput } from "../shared/common.schema";

const ZMethod = z.enum(TWO_FACTOR_TYPES);

/** The Security page's data: methods, password age, recovery codes left. No secret is in it. */
export const ZSecurityOverview = z.object({
	password: z.object({
		set: z.boolean(),
		changedAt: z.date().nullable(),
		expiresAt: z.date().nullable(),
		minLength: z.number(),
	}),
	mfa: z.object({
		enabled: z.boolean(),
		required: z.boolean(),
		preferred: ZMethod.nullable(),
		enrolled: z.array(ZMethod),
		usable: z.array(ZMethod),
		allowed: z.array(ZMethod),
		totpPending: z.boolean(),
		sms: z.object({ enabled: z.boolean(), phone: z.string().nullable(), phoneVerified: z.boolean() }),
		email: z.object({ enabled: z.boolean(), email: z.string().nullable(), emailVerified: z.boolean() }),
		recoveryCodesRemaining: z.number(),
		/**
		 * When this user must have a second factor by: set while policy requires one and the user
		 * has no allowed method, already past once sign-in asks for enrolment; else null.
		 */
		enrolBy: z.date().nullable(),
	}),
	requiredActions: z.array(z.enum(REQUIRED_ACTIONS)),
	reauthenticatedUntil: z.date(),
});
export type TSecurityOverview = z.output<typeof ZSecurityOverview>;

export const ZSetPreferredMethodInput = z.strictObject({ method: ZMethod });

/** Turn SMS or email codes on or off as a second factor. */
export const ZSetCodeChannelInput = z.strictObject({ channel: z.enum(["sms", "email"]), enabled: z.boolean() });

/** A new TOTP secret with its otpauth URI and QR code: shown once. */
export const ZTotpEnrollmentOutput = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });

/** Fresh single-use recovery codes, shown this once. */
export const ZRecoveryCodesOutput = z.object({ codes: z.array(z.string()) });

/**
 * Recovery codes issued because a second factor was just enabled and the user had no unused
 * ones: shown this once. Null when the user still holds unused codes (they stay valid).
 */
export const ZIssuedRecoveryCodes = z.array(z.string()).nullable();

/** The answer of turning a second factor on (TOTP confirm, SMS/email codes on or off). */
export const ZSecondFactorEnabledOutput = ZOkOutput.extend({ recoveryCodes: ZIssuedRecoveryCodes });
export type TSecondFactorEnabledOutput = z.output<typeof ZSecondFactorEnabledOutput>;

/** The registered passkey, and the recovery codes issued with it when the user had none. */
export const ZRegisterPasskeyOutput = ZPasskeyView.extend({ recoveryCodes: ZIssuedRecoveryCodes });
export type TRegisterPasskeyOutput = z.output<typeof ZRegisterPasskeyOutput>;
