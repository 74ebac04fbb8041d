import { ZCodeSentOutput } from "@tessera/core/shared/common.schema";
import { sendEmailVerificationCode } from "@tessera/core/users/contact-verification.service";
import { authedProcedure } from "../../../trpc";

/** Code to the current address, to verify it. */
export const sendVerification = authedProcedure
	.meta({ allowWithPendingActions: true })
	.output(ZCodeSentOutput)
	.mutation(({ ctx }) => sendEmailVerificationCode(ctx, ctx.actor));
