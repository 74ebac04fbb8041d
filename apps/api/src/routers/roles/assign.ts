import { ZAssignRoleInput, ZRoleAssignment } from "@tessera/core/roles/role-admin.schema";
import { assignRole } from "@tessera/core/roles/role-admin.service";
import { permissionProcedure } from "../../trpc";

/** Assign a role in a context. roles.manage and the role's permissions are checked there, in core. */
export const assign = permissionProcedure("roles.manage")
	.input(ZAssignRoleInput)
	.output(ZRoleAssignment)
	.mutation(({ ctx, input }) => assignRole(ctx, ctx.actor, input, ctx.meta));
