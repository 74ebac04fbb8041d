import { ZUser } from "@tessera/core/users/user";
import { getUser } from "@tessera/core/users/user.service";
import { ZUserIdInput } from "@tessera/core/users/user-admin.schema";
import { permissionProcedure } from "../../trpc";

export const get = permissionProcedure("users.read")
	.input(ZUserIdInput)
	.output(ZUser)
	.query(({ ctx, input }) => getUser(ctx, ctx.actor, input.userId));
