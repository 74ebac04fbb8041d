import { ZOkOutput, ZSixDigitCodeInput } from "@tessera/core/shared/common.schema";
import { confirmEmail } from "@tessera/core/users/contact-verification.service";
import { authedProcedure } from "../../../trpc";

/** Confirms the address the latest code went to: verifies it, or switches to it. */
export const confirm = authedProcedure
	.meta({ allowWithPendingActions: true })
	.input(ZSixDigitCodeInput)
	.output(ZOkOutput)
	.mutation(async ({ ctx, input }) => {
		await confirmEmail(ctx, ctx.actor, input.code, ctx.meta);
		return { ok: true as const };
	});
