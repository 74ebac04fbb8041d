import type { TRPCRouterRecord } from "@trpc/server";
import { get } from "./get";

/** User statistics and security posture (dashboard.read). */
export const dashboardRouter = { get } satisfies TRPCRouterRecord;
