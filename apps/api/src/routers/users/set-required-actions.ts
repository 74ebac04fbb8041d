import { ZUser } from "@tessera/core/users/user";
import { ZVersion } from "@tessera/core/users/user.schema";
import { setRequiredActions as setRequiredActionsOfUser } from "@tessera/core/users/user.service";
import { REQUIRED_ACTIONS } from "@tessera/db/schema";
import { z } from "zod";
import { permissionProcedure } from "../../trpc";

/** Steps the user must complete at next sign-in. users.security is checked on the target in core. */
export const setRequiredActions = permissionProcedure("users.security")
	.input(
		z.strictObject({
			userId: z.uuid(),
			version: ZVersion,
			actions: z.array(z.enum(REQUIRED_ACTIONS)).max(REQUIRED_ACTIONS.length),
		}),
	)
	.output(ZUser)
	.mutation(({ ctx, input }) => setRequiredActionsOfUser(ctx.db, ctx.clock, ctx.actor, input, ctx.meta));
