import type { TRPCRouterRecord } from "@trpc/server";
import { config } from "./config";
import { flowRouter } from "./flow/router";
import { passkeySignInRouter } from "./passkey/router";
import { signIn } from "./sign-in";
import { signOut } from "./sign-out";

export const authRouter = {
	config,
	signIn,
	signOut,
	flow: flowRouter,
	passkey: passkeySignInRouter,
} satisfies TRPCRouterRecord;
