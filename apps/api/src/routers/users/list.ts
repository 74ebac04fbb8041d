import { ZListUsersInput, ZListUsersOutput } from "@tessera/core/users/user-list.schema";
import { listUsers } from "@tessera/core/users/user-list.service";
import { permissionProcedure } from "../../trpc";

/** Search, filter, sort and page through the users the caller may read. */
export const list = permissionProcedure("users.read")
	.input(ZListUsersInput)
	.output(ZListUsersOutput)
	.query(({ ctx, input }) => listUsers(ctx, ctx.actor, input));
