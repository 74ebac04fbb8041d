import type { TRPCRouterRecord } from "@trpc/server";
import { emailRouter, phoneRouter } from "./contact";
import { mfaRouter } from "./mfa";
import { overview } from "./overview";
import { passkeysRouter } from "./passkeys";
import { changePassword } from "./password";
import { reauthenticateProcedure, reauthPasskeyOptions, reauthPasskeyVerify } from "./reauth";
import { regenerateRecoveryCodesProcedure } from "./recovery-codes";
import { sessionsRouter } from "./sessions";
import { totpRouter } from "./totp";

/** Self-service account security: everything a user manages about how they sign in. */
export const securityRouter = {
	overview,
	reauthenticate: reauthenticateProcedure,
	reauthPasskeyOptions,
	reauthPasskeyVerify,
	changePassword,
	totp: totpRouter,
	regenerateRecoveryCodes: regenerateRecoveryCodesProcedure,
	passkeys: passkeysRouter,
	mfa: mfaRouter,
	sessions: sessionsRouter,
	email: emailRouter,
	phone: phoneRouter,
} satisfies TRPCRouterRecord;
