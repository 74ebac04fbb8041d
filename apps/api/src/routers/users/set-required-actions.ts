import { ZUser } from "@tessera/core/users/user";
import { setRequiredActions as setRequiredActionsOfUser } from "@tessera/core/users/user.service";
import { ZSetRequiredActionsInput } from "@tessera/core/users/user-admin.schema";
import { permissionProcedure } from "../../trpc";

/** Steps the user must complete at next sign-in. users.security is checked on the target in core. */
export const setRequiredActions = permissionProcedure("users.security")
	.input(ZSetRequiredActionsInput)
	.output(ZUser)
	.mutation(({ ctx, input }) => setRequiredActionsOfUser(ctx, ctx.actor, input, ctx.meta));
