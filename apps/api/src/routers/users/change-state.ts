import { ZUser } from "@tessera/core/users/user";
import { changeUserState } from "@tessera/core/users/user.service";
import { ZChangeStateInput } from "@tessera/core/users/user-admin.schema";
import { permissionProcedure } from "../../trpc";

/** Activate, deactivate or delete a user. The specific permission is checked in core on the target. */
export const changeState = permissionProcedure("users.read")
	.input(ZChangeStateInput)
	.output(ZUser)
	.mutation(({ ctx, input }) => changeUserState(ctx, ctx.actor, input, ctx.meta));
