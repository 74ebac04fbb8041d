import type { TRPCRouterRecord } from "@trpc/server";
import { confirm } from "./confirm";
import { requestChange } from "./request-change";

/** The caller's mobile number, changed through a code sent to the new one. */
export const phoneRouter = {
	requestChange,
	confirm,
} satisfies TRPCRouterRecord;
