import { ZSetCodeChannelInput } from "@tessera/core/mfa/mfa.schema";
import { setCodeChannelEnabled } from "@tessera/core/mfa/mfa-settings.service";
import { ZOkOutput } from "@tessera/core/shared/common.schema";
import { recentAuthProcedure } from "../../../trpc";

/** Turn SMS or email codes on or off as a second factor (verified number/address needed). */
export const setChannel = recentAuthProcedure
	.meta({ allowWithPendingActions: true })
	.input(ZSetCodeChannelInput)
	.output(ZOkOutput)
	.mutation(async ({ ctx, input }) => {
		await setCodeChannelEnabled(ctx, ctx.actor, input.channel, input.enabled, ctx.meta);
		return { ok: true as const };
	});
