import { changeTenantPolicy } from "@tessera/core/admin/tenant-policy-admin.service";
import { ZTenantPolicy, ZTenantPolicyInput } from "@tessera/core/policy/tenant-policy";
import { permissionProcedure } from "../../trpc";

/** Changes some sections of the tenant's policy and answers with the whole policy after it. */
export const update = permissionProcedure("policy.manage")
	.input(ZTenantPolicyInput)
	.output(ZTenantPolicy)
	.mutation(({ ctx, input }) => changeTenantPolicy(ctx, ctx.actor, input, ctx.meta));
