import { ZRole, ZUpdateRoleInput } from "@tessera/core/roles/role-admin.schema";
import { updateRole } from "@tessera/core/roles/role-admin.service";
import { permissionProcedure } from "../../trpc";

/** Edit a custom role at the revision the caller read; built-ins are read-only (checked in core). */
export const update = permissionProcedure("roles.manage")
	.input(ZUpdateRoleInput)
	.output(ZRole)
	.mutation(({ ctx, input }) => updateRole(ctx, ctx.actor, input, ctx.meta));
