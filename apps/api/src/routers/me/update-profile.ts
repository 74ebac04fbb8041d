import { ZOwnProfile } from "@tessera/core/users/user";
import { ZUpdateProfileInput } from "@tessera/core/users/user.schema";
import { getOwnProfile, updateOwnProfile } from "@tessera/core/users/user.service";
import { authedProcedure } from "../../trpc";

export const updateProfile = authedProcedure
	.input(ZUpdateProfileInput)
	.output(ZOwnProfile)
	.mutation(async ({ ctx, input }) => {
		await updateOwnProfile(ctx, ctx.actor, input, ctx.meta);
		return getOwnProfile(ctx, ctx.actor);
	});
