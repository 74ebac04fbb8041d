import type { TRPCRouterRecord } from "@trpc/server";
import { confirm } from "./confirm";
import { requestChange } from "./request-change";
import { sendVerification } from "./send-verification";

/** The caller's email address: verify it, or change it through a code sent to the new one. */
export const emailRouter = {
	sendVerification,
	requestChange,
	confirm,
} satisfies TRPCRouterRecord;
