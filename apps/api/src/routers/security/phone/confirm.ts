import { ZOkOutput, ZSixDigitCodeInput } from "@tessera/core/shared/common.schema";
import { confirmPhone } from "@tessera/core/users/contact-verification.service";
import { recentAuthProcedure } from "../../../trpc";

/** Confirms the number the latest code went to. */
export const confirm = recentAuthProcedure
	.meta({ allowWithPendingActions: true })
	.input(ZSixDigitCodeInput)
	.output(ZOkOutput)
	.mutation(async ({ ctx, input }) => {
		await confirmPhone(ctx, ctx.actor, input.code, ctx.meta);
		return { ok: true as const };
	});
