import { ZOwnProfile } from "@tessera/core/users/user";
import { ownProfileProcedure } from "../../trpc";

export const get = ownProfileProcedure
	.meta({ allowWithPendingActions: true })
	.output(ZOwnProfile)
	.query(({ ctx }) => ctx.ownProfile);
