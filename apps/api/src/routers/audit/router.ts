import type { TRPCRouterRecord } from "@trpc/server";
import { list } from "./list";

/** The tenant's audit log (audit.read). */
export const auditRouter = { list } satisfies TRPCRouterRecord;
