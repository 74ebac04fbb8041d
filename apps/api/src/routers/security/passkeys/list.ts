import { listOwnPasskeys } from "@tessera/core/mfa/mfa-settings.service";
import { ZPasskeyListOutput } from "@tessera/core/passkeys/passkey.schema";
import { authedProcedure } from "../../../trpc";

/** The caller's passkeys: never a public key, credential id or counter. */
export const list = authedProcedure
	.meta({ allowWithPendingActions: true })
	.output(ZPasskeyListOutput)
	.query(({ ctx }) => listOwnPasskeys(ctx, ctx.actor));
