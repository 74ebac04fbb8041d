import type { TRPCRouterRecord } from "@trpc/server";
import { changePassword } from "./change-password";
import { passkeyOptions } from "./passkey-options";
import { sendCode } from "./send-code";
import { state } from "./state";
import { verifyCode } from "./verify-code";
import { verifyPasskey } from "./verify-passkey";

/**
 * The steps between the first factor and a session. Each needs the flow cookie and works only
 * at its own stage; nothing here reads or changes anything else (SECURITY M01).
 */
export const flowRouter = {
	state,
	sendCode,
	verifyCode,
	passkeyOptions,
	verifyPasskey,
	changePassword,
} satisfies TRPCRouterRecord;
