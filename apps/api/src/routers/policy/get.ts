import { readTenantPolicy } from "@tessera/core/admin/tenant-policy-admin.service";
import { ZTenantPolicy } from "@tessera/core/policy/tenant-policy";
import { permissionProcedure } from "../../trpc";

/** The tenant's whole policy; sections and fields it never set read as the defaults. */
export const get = permissionProcedure("policy.manage")
	.output(ZTenantPolicy)
	.query(({ ctx }) => readTenantPolicy(ctx, ctx.actor));
