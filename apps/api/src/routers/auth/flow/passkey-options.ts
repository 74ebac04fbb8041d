import { startPasskeySecondFactor } from "@tessera/core/auth/login-flow.service";
import { ZPasskeyRequestOptionsJSON } from "@tessera/core/passkeys/passkey.schema";
import { publicProcedure } from "../../../trpc";

/** WebAuthn request options for a passkey as second factor, bound to this flow's user. */
export const passkeyOptions = publicProcedure
	.output(ZPasskeyRequestOptionsJSON)
	.mutation(({ ctx }) => startPasskeySecondFactor(ctx, ctx.flow.unverifiedToken));
