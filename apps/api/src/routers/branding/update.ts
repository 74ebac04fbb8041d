import { ZBranding, ZBrandingInput } from "@tessera/core/tenants/branding.schema";
import { changeBranding } from "@tessera/core/tenants/branding.service";
import { permissionProcedure } from "../../trpc";

/** Changes the caller's organisation's branding. Tenant-wide policy.manage and a recent sign-in, checked in core. */
export const update = permissionProcedure("policy.manage")
	.input(ZBrandingInput)
	.output(ZBranding)
	.mutation(({ ctx, input }) => changeBranding(ctx, ctx.actor, input, ctx.meta));
