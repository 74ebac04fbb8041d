import { startPasskeySecondFactor } from "@tessera/core/auth/login-flow.service";
import { ZPasskeyRequestOptionsJSON } from "@tessera/core/passkeys/passkey.schema";
import { credentialProcedure } from "../../../trpc";

/**
 * WebAuthn request options for a passkey as second factor, bound to this flow's user. Each call
 * stores a challenge row, so it is throttled per address like the credential checks.
 */
export const passkeyOptions = credentialProcedure
	.output(ZPasskeyRequestOptionsJSON)
	.mutation(({ ctx }) => startPasskeySecondFactor(ctx, ctx.flow.unverifiedToken));
