import { ZRoleListOutput } from "@tessera/core/roles/role-admin.schema";
import { listRoles } from "@tessera/core/roles/role-admin.service";
import { permissionProcedure } from "../../trpc";

/** Every role of the caller's tenant (built-in and custom) with permissions and assignment counts. */
export const list = permissionProcedure("roles.read")
	.output(ZRoleListOutput)
	.query(({ ctx }) => listRoles(ctx, ctx.actor));
