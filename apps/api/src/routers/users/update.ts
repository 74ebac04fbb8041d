import { ZUser } from "@tessera/core/users/user";
import { ZAdminUpdateUserInput } from "@tessera/core/users/user-admin.schema";
import { adminUpdateUser } from "@tessera/core/users/user-admin.service";
import { permissionProcedure } from "../../trpc";

/** An administrator edits a user's profile; moving accounts needs users.write on both sides (core). */
export const update = permissionProcedure("users.write")
	.input(ZAdminUpdateUserInput)
	.output(ZUser)
	.mutation(({ ctx, input }) => adminUpdateUser(ctx, ctx.actor, input, ctx.meta));
