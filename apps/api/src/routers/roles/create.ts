import { ZCreateRoleInput, ZRole } from "@tessera/core/roles/role-admin.schema";
import { createRole } from "@tessera/core/roles/role-admin.service";
import { permissionProcedure } from "../../trpc";

/** A custom role from the catalogue. Core requires roles.manage and every permission at tenant level. */
export const create = permissionProcedure("roles.manage")
	.input(ZCreateRoleInput)
	.output(ZRole)
	.mutation(({ ctx, input }) => createRole(ctx, ctx.actor, input, ctx.meta));
