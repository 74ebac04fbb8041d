import { changeOwnPassword } from "@tessera/core/auth/password-change.service";
import { z } from "zod";
import { authedProcedure } from "../../trpc";

/**
 * Changes the password. The current password is itself the proof of identity (a wrong one counts
 * toward lockout: SECURITY A10); other sessions end (A19). No separate re-authentication needed.
 */
export const changePassword = authedProcedure
	.input(z.strictObject({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) }))
	.output(z.object({ ok: z.literal(true) }))
	.mutation(async ({ ctx, input }) => {
		await changeOwnPassword(ctx, ctx.actor, input, ctx.meta);
		return { ok: true as const };
	});
