import { ZPasskeyView, ZRenamePasskeyInput } from "@tessera/core/passkeys/passkey.schema";
import { renamePasskey } from "@tessera/core/passkeys/passkey.service";
import { authedProcedure } from "../../../trpc";

/** Renames one of the caller's own passkeys (another user's is not found). */
export const rename = authedProcedure
	.input(ZRenamePasskeyInput)
	.output(ZPasskeyView)
	.mutation(({ ctx, input }) =>
		renamePasskey(ctx, { tenantId: ctx.actor.tenantId, userId: ctx.actor.userId, ...input }, ctx.meta),
	);
