import { ZSetPreferredMethodInput } from "@tessera/core/mfa/mfa.schema";
import { setPreferredMethod } from "@tessera/core/mfa/mfa-settings.service";
import { ZOkOutput } from "@tessera/core/shared/common.schema";
import { authedProcedure } from "../../../trpc";

/** The second factor offered first at sign-in. */
export const setPreferred = authedProcedure
	.meta({ allowWithPendingActions: true })
	.input(ZSetPreferredMethodInput)
	.output(ZOkOutput)
	.mutation(async ({ ctx, input }) => {
		await setPreferredMethod(ctx, ctx.actor, input.method, ctx.meta);
		return { ok: true as const };
	});
