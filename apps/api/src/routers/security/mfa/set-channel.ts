import { ZSecondFactorEnabledOutput, ZSetCodeChannelInput } from "@tessera/core/mfa/mfa.schema";
import { setCodeChannelEnabled } from "@tessera/core/mfa/mfa-settings.service";
import { recentAuthProcedure } from "../../../trpc";

/**
 * Turn SMS or email codes on or off as a second factor (verified number/address needed); turning
 * one on brings recovery codes when the user had none.
 */
export const setChannel = recentAuthProcedure
	.meta({ allowWithPendingActions: true })
	.input(ZSetCodeChannelInput)
	.output(ZSecondFactorEnabledOutput)
	.mutation(async ({ ctx, input }) => {
		const { recoveryCodes } = await setCodeChannelEnabled(ctx, ctx.actor, input.channel, input.enabled, ctx.meta);
		return { ok: true as const, recoveryCodes };
	});
