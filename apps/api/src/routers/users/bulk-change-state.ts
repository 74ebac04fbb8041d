import { ZBulkStateInput, ZBulkStateOutput } from "@tessera/core/users/user-admin.schema";
import { bulkChangeState as bulkChangeStateOfUsers } from "@tessera/core/users/user-admin.service";
import { permissionProcedure } from "../../trpc";

/** Deactivate or reactivate a selection; each user with the version the admin saw. */
export const bulkChangeState = permissionProcedure("users.write")
	.input(ZBulkStateInput)
	.output(ZBulkStateOutput)
	.mutation(({ ctx, input }) => bulkChangeStateOfUsers(ctx, ctx.actor, input, ctx.meta));
