import type { TRPCRouterRecord } from "@trpc/server";
import { setChannel } from "./set-channel";
import { setPreferred } from "./set-preferred";

/** Choices between second factors. */
export const mfaRouter = {
	setPreferred,
	setChannel,
} satisfies TRPCRouterRecord;
