import { restoreUser } from "@tessera/core/users/restore.service";
import { ZUser } from "@tessera/core/users/user";
import { ZRestoreUserInput } from "@tessera/core/users/user-admin.schema";
import { permissionProcedure } from "../../trpc";

/** Cancels a pending deletion (`deleting` → `inactive`). users.delete is checked in core on the target. */
export const restore = permissionProcedure("users.delete")
	.input(ZRestoreUserInput)
	.output(ZUser)
	.mutation(({ ctx, input }) => restoreUser(ctx, ctx.actor, input, ctx.meta));
