import { removeOwnPasskey } from "@tessera/core/mfa/mfa-settings.service";
import { ZPasskeyView, ZRemovePasskeyInput } from "@tessera/core/passkeys/passkey.schema";
import { recentAuthProcedure } from "../../../trpc";

/** Removes one of the caller's own passkeys and answers with what it was. */
export const remove = recentAuthProcedure
	.input(ZRemovePasskeyInput)
	.output(ZPasskeyView)
	.mutation(({ ctx, input }) => removeOwnPasskey(ctx, ctx.actor, input.passkeyId, ctx.meta));
