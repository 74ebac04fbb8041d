import { changeTenantPolicy, readTenantPolicy } from "@tessera/core/admin/tenant-policy-admin.service";
import { ZTenantPolicy, ZTenantPolicyInput } from "@tessera/core/policy/tenant-policy";
import type { TRPCRouterRecord } from "@trpc/server";
import { permissionProcedure } from "../../trpc";

/** The tenant's security policy (passwords, lockout, sessions, MFA, codes). Tenant-wide policy.manage. */
export const policyRouter = {
	get: permissionProcedure("policy.manage")
		.output(ZTenantPolicy)
		.query(({ ctx }) => readTenantPolicy(ctx.db, ctx.actor)),
	update: permissionProcedure("policy.manage")
		.input(ZTenantPolicyInput)
		.output(ZTenantPolicy)
		.mutation(({ ctx, input }) => changeTenantPolicy(ctx.db, ctx.clock, ctx.actor, input, ctx.meta)),
} satisfies TRPCRouterRecord;
