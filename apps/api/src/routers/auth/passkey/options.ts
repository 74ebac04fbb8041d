import { ZPasskeySignInOptionsInput } from "@tessera/core/auth/auth.schema";
import { startPasswordlessSignIn } from "@tessera/core/auth/login-flow.service";
import { ZPasskeyRequestOptionsJSON } from "@tessera/core/passkeys/passkey.schema";
import { publicProcedure } from "../../../trpc";

/** WebAuthn request options for a discoverable passkey; an unknown organisation gets options too. */
export const options = publicProcedure
	.input(ZPasskeySignInOptionsInput)
	.output(ZPasskeyRequestOptionsJSON)
	.mutation(({ ctx, input }) => startPasswordlessSignIn(ctx, input.tenant));
