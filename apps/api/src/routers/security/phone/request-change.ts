import { ZCodeSentOutput } from "@tessera/core/shared/common.schema";
import { requestPhoneChange } from "@tessera/core/users/contact-verification.service";
import { ZRequestPhoneChangeInput } from "@tessera/core/users/user.schema";
import { recentAuthProcedure } from "../../../trpc";

/** Code by SMS to a new number; the number is set only on confirm. */
export const requestChange = recentAuthProcedure
	.meta({ allowWithPendingActions: true })
	.input(ZRequestPhoneChangeInput)
	.output(ZCodeSentOutput)
	.mutation(({ ctx, input }) => requestPhoneChange(ctx, ctx.actor, input.phone ?? ""));
