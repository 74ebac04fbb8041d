import { endSession } from "@tessera/core/auth/session.service";
import { ZOkOutput } from "@tessera/core/shared/common.schema";
import { authedProcedure } from "../../trpc";

/** Ends the caller's session (audited) and drops its cookie. Allowed with required actions pending. */
export const signOut = authedProcedure
	.meta({ allowWithPendingActions: true })
	.output(ZOkOutput)
	.mutation(async ({ ctx }) => {
		await endSession(ctx, ctx.actor, ctx.meta);
		ctx.session.clear();
		return { ok: true as const };
	});
