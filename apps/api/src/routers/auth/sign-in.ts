import { ZSignInInput, ZSignInOutput } from "@tessera/core/auth/auth.schema";
import { signInWithPassword } from "@tessera/core/auth/login-flow.service";
import { credentialProcedure } from "../../trpc";
import { respondToSignIn } from "./sign-in-result";

/** First step: email and password. Answers with the next step or a session. */
export const signIn = credentialProcedure
	.input(ZSignInInput)
	.output(ZSignInOutput)
	.mutation(async ({ ctx, input }) => respondToSignIn(ctx, await signInWithPassword(ctx, input, ctx.meta)));
