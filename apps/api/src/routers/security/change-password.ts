import { ZChangePasswordInput } from "@tessera/core/auth/auth.schema";
import { changeOwnPassword } from "@tessera/core/auth/password-change.service";
import { ZOkOutput } from "@tessera/core/shared/common.schema";
import { authedProcedure } from "../../trpc";

/**
 * Changes the password. The current password is itself the proof of identity (a wrong one counts
 * toward lockout: SECURITY A10); other sessions end (A19). No separate re-authentication needed.
 */
export const changePassword = authedProcedure
	.input(ZChangePasswordInput)
	.output(ZOkOutput)
	.mutation(async ({ ctx, input }) => {
		await changeOwnPassword(ctx, ctx.actor, input, ctx.meta);
		return { ok: true as const };
	});
