import type { TRPCRouterRecord } from "@trpc/server";
import { get } from "./get";
import { update } from "./update";

/** The tenant's security policy (passwords, lockout, sessions, MFA, codes). Tenant-wide policy.manage. */
export const policyRouter = { get, update } satisfies TRPCRouterRecord;
