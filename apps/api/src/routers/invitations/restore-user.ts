import { ZRestoreUserInput } from "@tessera/core/invitations/invitation.schema";
import { restoreUser as restoreUserInCore } from "@tessera/core/invitations/restore.service";
import { ZUser } from "@tessera/core/users/user";
import { permissionProcedure } from "../../trpc";

/**
 * Cancels a pending deletion (`deleting` → `inactive`). users.delete is checked in core on the
 * target. Mounted here for now; it belongs under `users` and will move there.
 */
export const restoreUser = permissionProcedure("users.delete")
	.input(ZRestoreUserInput)
	.output(ZUser)
	.mutation(({ ctx, input }) => restoreUserInCore(ctx.db, ctx.clock, ctx.actor, input, ctx.meta));
