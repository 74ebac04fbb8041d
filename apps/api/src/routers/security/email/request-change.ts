import { ZCodeSentOutput } from "@tessera/core/shared/common.schema";
import { requestEmailChange } from "@tessera/core/users/contact-verification.service";
import { ZRequestEmailChangeInput } from "@tessera/core/users/user.schema";
import { recentAuthProcedure } from "../../../trpc";

/** Code to a new address; the switch happens only on confirm (SECURITY L10). */
export const requestChange = recentAuthProcedure
	.input(ZRequestEmailChangeInput)
	.output(ZCodeSentOutput)
	.mutation(({ ctx, input }) => requestEmailChange(ctx, ctx.actor, input.email));
