import { endSession } from "@tessera/core/auth/session.service";
import { z } from "zod";
import { authedProcedure } from "../../trpc";

export const signOut = authedProcedure
	.meta({ allowWithPendingActions: true })
	.output(z.object({ ok: z.literal(true) }))
	.mutation(async ({ ctx }) => {
		await endSession(ctx.db, ctx.clock, ctx.actor);
		ctx.session.clear();
		return { ok: true as const };
	});
