import { startPasskeyReauth } from "@tessera/core/auth/reauth.service";
import { ZPasskeyRequestOptionsJSON } from "@tessera/core/passkeys/passkey.schema";
import { authedProcedure } from "../../trpc";

/** WebAuthn request options to re-authenticate with one of the caller's passkeys. */
export const reauthPasskeyOptions = authedProcedure
	.meta({ allowWithPendingActions: true })
	.output(ZPasskeyRequestOptionsJSON)
	.mutation(({ ctx }) => startPasskeyReauth(ctx, ctx.actor));
