import type { TRPCRouterRecord } from "@trpc/server";
import { config } from "./config";
import { flowRouter } from "./flow/router";
import { passkeySignInRouter } from "./passkey/router";
import { passwordPolicy } from "./password-policy";
import { passwordResetRouter } from "./password-reset/router";
import { passwordStrength } from "./password-strength";
import { signIn } from "./sign-in";
import { signOut } from "./sign-out";

export const authRouter = {
	config,
	passwordPolicy,
	passwordStrength,
	signIn,
	signOut,
	flow: flowRouter,
	passkey: passkeySignInRouter,
	passwordReset: passwordResetRouter,
} satisfies TRPCRouterRecord;
