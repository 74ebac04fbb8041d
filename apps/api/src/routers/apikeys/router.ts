import type { TRPCRouterRecord } from "@trpc/server";

export const apikeysRouter = {} satisfies TRPCRouterRecord;
