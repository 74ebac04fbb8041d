import { ZUser } from "@tessera/core/users/user";
import { getUser } from "@tessera/core/users/user.service";
import { permissionProcedure } from "../../trpc";
import { ZUserIdInput } from "./users.schema";

export const get = permissionProcedure("users.read")
	.input(ZUserIdInput)
	.output(ZUser)
	.query(({ ctx, input }) => getUser(ctx.db, ctx.actor, input.userId));
