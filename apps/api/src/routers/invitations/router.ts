import type { TRPCRouterRecord } from "@trpc/server";

export const invitationsRouter = {} satisfies TRPCRouterRecord;
