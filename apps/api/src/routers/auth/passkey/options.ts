import { ZPasskeySignInOptionsInput } from "@tessera/core/auth/auth.schema";
import { startPasswordlessSignIn } from "@tessera/core/auth/login-flow.service";
import { ZPasskeyRequestOptionsJSON } from "@tessera/core/passkeys/passkey.schema";
import { credentialProcedure } from "../../../trpc";

/**
 * WebAuthn request options for a discoverable passkey; an unknown organisation gets options too.
 * Each call stores a challenge row, so it is throttled per address like the credential checks.
 */
export const options = credentialProcedure
	.input(ZPasskeySignInOptionsInput)
	.output(ZPasskeyRequestOptionsJSON)
	.mutation(({ ctx, input }) => startPasswordlessSignIn(ctx, input.tenant));
