import { ZCompletePasswordResetInput, ZCompletePasswordResetOutput } from "@tessera/core/auth/password-reset.schema";
import { completePasswordReset } from "@tessera/core/auth/password-reset.service";
import { credentialProcedure } from "../../../trpc";

/**
 * Public: sets the new password with the link's token. No session is created: the person signs
 * in next, second factor included (SECURITY A17).
 */
export const complete = credentialProcedure
	.input(ZCompletePasswordResetInput)
	.output(ZCompletePasswordResetOutput)
	.mutation(({ ctx, input }) => completePasswordReset(ctx, input, ctx.meta));
