import { ZPasskeySignInVerifyInput, ZSignInOutput } from "@tessera/core/auth/auth.schema";
import { finishPasswordlessSignIn } from "@tessera/core/auth/login-flow.service";
import { credentialProcedure } from "../../../trpc";
import { respondToSignIn } from "../sign-in-result";

/** Signs in with the passkey's assertion: the passkey is both factors. */
export const verify = credentialProcedure
	.input(ZPasskeySignInVerifyInput)
	.output(ZSignInOutput)
	.mutation(async ({ ctx, input }) =>
		respondToSignIn(ctx, await finishPasswordlessSignIn(ctx, input.tenant, input.response, ctx.meta)),
	);
