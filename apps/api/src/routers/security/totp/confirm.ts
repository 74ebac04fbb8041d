import { ZSecondFactorEnabledOutput } from "@tessera/core/mfa/mfa.schema";
import { confirmTotpEnrollment } from "@tessera/core/mfa/totp.service";
import { ZSixDigitCodeInput } from "@tessera/core/shared/common.schema";
import { recentAuthProcedure } from "../../../trpc";

/** Activates the pending secret with a code from the app; the first factor brings recovery codes. */
export const confirm = recentAuthProcedure
	.meta({ allowWithPendingActions: true })
	.input(ZSixDigitCodeInput)
	.output(ZSecondFactorEnabledOutput)
	.mutation(async ({ ctx, input }) => {
		const { recoveryCodes } = await confirmTotpEnrollment(ctx, ctx.actor, input.code, ctx.meta);
		return { ok: true as const, recoveryCodes };
	});
