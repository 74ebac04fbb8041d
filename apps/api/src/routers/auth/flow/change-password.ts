import { ZNewPasswordInput, ZSignInOutput } from "@tessera/core/auth/auth.schema";
import { changePasswordInFlow } from "@tessera/core/auth/login-flow.service";
import { credentialProcedure } from "../../../trpc";
import { respondToSignIn } from "../sign-in-result";

/** The forced password change (expired, or asked for by an administrator) before a session exists. */
export const changePassword = credentialProcedure
	.input(ZNewPasswordInput)
	.output(ZSignInOutput)
	.mutation(async ({ ctx, input }) =>
		respondToSignIn(ctx, await changePasswordInFlow(ctx, ctx.flow.unverifiedToken, input.newPassword, ctx.meta)),
	);
