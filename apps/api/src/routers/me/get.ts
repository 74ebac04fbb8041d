import { ZOwnProfile } from "@tessera/core/users/user";
import { getOwnProfile } from "@tessera/core/users/user.service";
import { authedProcedure } from "../../trpc";

export const get = authedProcedure
	.meta({ allowWithPendingActions: true })
	.output(ZOwnProfile)
	.query(({ ctx }) => getOwnProfile(ctx, ctx.actor));
