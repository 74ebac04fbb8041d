import type { TRPCRouterRecord } from "@trpc/server";
import { list } from "./list";
import { revoke } from "./revoke";
import { revokeOthers } from "./revoke-others";

/** The caller's own sessions. */
export const sessionsRouter = {
	list,
	revoke,
	revokeOthers,
} satisfies TRPCRouterRecord;
