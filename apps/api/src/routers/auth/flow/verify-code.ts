import { ZSignInCodeInput, ZSignInOutput } from "@tessera/core/auth/auth.schema";
import { verifySignInCode } from "@tessera/core/auth/login-flow.service";
import { credentialProcedure } from "../../../trpc";
import { respondToSignIn } from "../sign-in-result";

/** Second factor by code: authenticator app, SMS, email or a recovery code. */
export const verifyCode = credentialProcedure
	.input(ZSignInCodeInput)
	.output(ZSignInOutput)
	.mutation(async ({ ctx, input }) =>
		respondToSignIn(ctx, await verifySignInCode(ctx, ctx.flow.unverifiedToken, input, ctx.meta)),
	);
