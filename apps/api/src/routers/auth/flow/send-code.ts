import { ZSendSignInCodeInput } from "@tessera/core/auth/auth.schema";
import { sendSignInCode } from "@tessera/core/auth/login-flow.service";
import { ZCodeSentOutput } from "@tessera/core/shared/common.schema";
import { credentialProcedure } from "../../../trpc";

/** Sends a sign-in code by SMS or email, within the send limits of the policy. */
export const sendCode = credentialProcedure
	.input(ZSendSignInCodeInput)
	.output(ZCodeSentOutput)
	.mutation(({ ctx, input }) => sendSignInCode(ctx, ctx.flow.unverifiedToken, input.channel));
