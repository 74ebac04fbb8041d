import type { TRPCRouterRecord } from "@trpc/server";
import { changePassword } from "./change-password";
import { emailRouter } from "./email/router";
import { mfaRouter } from "./mfa/router";
import { overview } from "./overview";
import { passkeysRouter } from "./passkeys/router";
import { phoneRouter } from "./phone/router";
import { reauthPasskeyOptions } from "./reauth-passkey-options";
import { reauthPasskeyVerify } from "./reauth-passkey-verify";
import { reauthenticate } from "./reauthenticate";
import { regenerateRecoveryCodes } from "./regenerate-recovery-codes";
import { sessionsRouter } from "./sessions/router";
import { totpRouter } from "./totp/router";

/** Self-service account security: everything a user manages about how they sign in. */
export const securityRouter = {
	overview,
	reauthenticate,
	reauthPasskeyOptions,
	reauthPasskeyVerify,
	changePassword,
	totp: totpRouter,
	regenerateRecoveryCodes,
	passkeys: passkeysRouter,
	mfa: mfaRouter,
	sessions: sessionsRouter,
	email: emailRouter,
	phone: phoneRouter,
} satisfies TRPCRouterRecord;
