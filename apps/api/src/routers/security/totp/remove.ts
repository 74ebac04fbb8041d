import { removeTotp } from "@tessera/core/mfa/totp.service";
import { ZOkOutput } from "@tessera/core/shared/common.schema";
import { recentAuthProcedure } from "../../../trpc";

/** Removes the authenticator app as a second factor. */
export const remove = recentAuthProcedure.output(ZOkOutput).mutation(async ({ ctx }) => {
	await removeTotp(ctx, ctx.actor, ctx.meta);
	return { ok: true as const };
});
