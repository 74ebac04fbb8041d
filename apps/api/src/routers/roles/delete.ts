import { ZDeleteRoleInput, ZDeleteRoleOutput } from "@tessera/core/roles/role-admin.schema";
import { deleteRole as deleteCustomRole } from "@tessera/core/roles/role-admin.service";
import { permissionProcedure } from "../../trpc";

/** Delete a custom role; refused while assigned unless `force` (which removes the assignments). */
export const deleteRole = permissionProcedure("roles.manage")
	.input(ZDeleteRoleInput)
	.output(ZDeleteRoleOutput)
	.mutation(({ ctx, input }) => deleteCustomRole(ctx, ctx.actor, input, ctx.meta));
