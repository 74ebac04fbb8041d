import { ZReauthInput } from "@tessera/core/auth/auth.schema";
import { reauthenticate as reauthenticateActor } from "@tessera/core/auth/reauth.service";
import { ZOkOutput } from "@tessera/core/shared/common.schema";
import { authedCredentialProcedure } from "../../trpc";

/** Proves identity again for sensitive changes; the session gets a new token (SECURITY S02, S09). */
export const reauthenticate = authedCredentialProcedure
	.meta({ allowWithPendingActions: true })
	.input(ZReauthInput)
	.output(ZOkOutput)
	.mutation(async ({ ctx, input }) => {
		const rotated = await reauthenticateActor(ctx, ctx.actor, input, ctx.meta);
		ctx.session.set(rotated.token, rotated.expiresAt);
		return { ok: true as const };
	});
