import { confirmTotpEnrollment } from "@tessera/core/mfa/totp.service";
import { ZOkOutput, ZSixDigitCodeInput } from "@tessera/core/shared/common.schema";
import { recentAuthProcedure } from "../../../trpc";

/** Activates the pending secret with a code from the app. */
export const confirm = recentAuthProcedure
	.meta({ allowWithPendingActions: true })
	.input(ZSixDigitCodeInput)
	.output(ZOkOutput)
	.mutation(async ({ ctx, input }) => {
		await confirmTotpEnrollment(ctx, ctx.actor, input.code, ctx.meta);
		return { ok: true as const };
	});
