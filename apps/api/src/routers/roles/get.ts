import { ZRole, ZRoleIdInput } from "@tessera/core/roles/role-admin.schema";
import { getRole } from "@tessera/core/roles/role-admin.service";
import { permissionProcedure } from "../../trpc";

/** One role of the caller's tenant; another tenant's id is NOT_FOUND. */
export const get = permissionProcedure("roles.read")
	.input(ZRoleIdInput)
	.output(ZRole)
	.query(({ ctx, input }) => getRole(ctx, ctx.actor, input.roleId));
