import type { TRPCRouterRecord } from "@trpc/server";

export const rolesRouter = {} satisfies TRPCRouterRecord;
