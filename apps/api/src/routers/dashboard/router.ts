import type { TRPCRouterRecord } from "@trpc/server";
import { compliance } from "./compliance";
import { get } from "./get";

/** User statistics, security posture and the compliance report (dashboard.read). */
export const dashboardRouter = { get, compliance } satisfies TRPCRouterRecord;
