import { finishPasskeyReauth } from "@tessera/core/auth/reauth.service";
import { ZPasskeyAssertionInput } from "@tessera/core/passkeys/passkey.schema";
import { ZOkOutput } from "@tessera/core/shared/common.schema";
import { authedProcedure } from "../../trpc";

/** Re-authentication by passkey; like `reauthenticate`, the session gets a new token. */
export const reauthPasskeyVerify = authedProcedure
	.meta({ allowWithPendingActions: true })
	.input(ZPasskeyAssertionInput)
	.output(ZOkOutput)
	.mutation(async ({ ctx, input }) => {
		const rotated = await finishPasskeyReauth(ctx, ctx.actor, input.response, ctx.meta);
		ctx.session.set(rotated.token, rotated.expiresAt);
		return { ok: true as const };
	});
