import { ZRevokeOtherSessionsOutput } from "@tessera/core/auth/auth.schema";
import { revokeOtherOwnSessions } from "@tessera/core/auth/session-management.service";
import { recentAuthProcedure } from "../../../trpc";

/** Ends every session of the caller but this one. */
export const revokeOthers = recentAuthProcedure
	.output(ZRevokeOtherSessionsOutput)
	.mutation(async ({ ctx }) => ({ revoked: await revokeOtherOwnSessions(ctx, ctx.actor, ctx.meta) }));
