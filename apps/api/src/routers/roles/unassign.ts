import { ZRoleAssignment, ZUnassignRoleInput } from "@tessera/core/roles/role-admin.schema";
import { unassignRole } from "@tessera/core/roles/role-admin.service";
import { permissionProcedure } from "../../trpc";

/** Remove one assignment (returns what was removed). The last active tenant admin stays. */
export const unassign = permissionProcedure("roles.manage")
	.input(ZUnassignRoleInput)
	.output(ZRoleAssignment)
	.mutation(({ ctx, input }) => unassignRole(ctx, ctx.actor, input, ctx.meta));
