import type { TRPCRouterRecord } from "@trpc/server";
import { get } from "./get";
import { update } from "./update";

/** The organisation's branding: read by anyone (the sign-in page), changed by a tenant-wide policy.manage. */
export const brandingRouter = { get, update } satisfies TRPCRouterRecord;
