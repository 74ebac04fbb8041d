import { ZSignInOutput } from "@tessera/core/auth/auth.schema";
import { verifyPasskeySecondFactor } from "@tessera/core/auth/login-flow.service";
import { ZPasskeyAssertionInput } from "@tessera/core/passkeys/passkey.schema";
import { credentialProcedure } from "../../../trpc";
import { respondToSignIn } from "../sign-in-result";

/** Second factor by passkey: the assertion must answer the options this flow was issued. */
export const verifyPasskey = credentialProcedure
	.input(ZPasskeyAssertionInput)
	.output(ZSignInOutput)
	.mutation(async ({ ctx, input }) =>
		respondToSignIn(ctx, await verifyPasskeySecondFactor(ctx, ctx.flow.unverifiedToken, input.response, ctx.meta)),
	);
