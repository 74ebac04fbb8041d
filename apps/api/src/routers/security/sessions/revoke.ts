import { ZRevokeSessionInput } from "@tessera/core/auth/auth.schema";
import { revokeOwnSession } from "@tessera/core/auth/session-management.service";
import { ZOkOutput } from "@tessera/core/shared/common.schema";
import { recentAuthProcedure } from "../../../trpc";

/** Ends one of the caller's sessions; ending the current one also drops its cookie. */
export const revoke = recentAuthProcedure
	.input(ZRevokeSessionInput)
	.output(ZOkOutput)
	.mutation(async ({ ctx, input }) => {
		await revokeOwnSession(ctx, ctx.actor, input.sessionId, ctx.meta);
		if (input.sessionId === ctx.actor.sessionId) ctx.session.clear();
		return { ok: true as const };
	});
