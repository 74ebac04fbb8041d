import { ZRoleAssignmentListOutput, ZUserAssignmentsInput } from "@tessera/core/roles/role-admin.schema";
import { listAssignmentsOfUser } from "@tessera/core/roles/role-admin.service";
import { permissionProcedure } from "../../trpc";

/** A user's role assignments with context labels; a user outside the caller's reach is NOT_FOUND. */
export const assignments = permissionProcedure("roles.read")
	.input(ZUserAssignmentsInput)
	.output(ZRoleAssignmentListOutput)
	.query(({ ctx, input }) => listAssignmentsOfUser(ctx, ctx.actor, input.userId));
