import { finishPasskeyReauth, reauthenticate, startPasskeyReauth } from "@tessera/core/auth/reauth.service";
import { ZAuthenticationResponseJSON } from "@tessera/core/passkeys/passkey.schema";
import { z } from "zod";
import { authedProcedure } from "../../trpc";

const ZReauthInput = z.discriminatedUnion("method", [
	z.strictObject({ method: z.literal("password"), password: z.string().min(1).max(1024) }),
	z.strictObject({ method: z.literal("totp"), code: z.string().trim().min(6).max(8) }),
]);

/** Proves identity again for sensitive changes; the session gets a new token (SECURITY S02, S09). */
export const reauthenticateProcedure = authedProcedure
	.meta({ allowWithPendingActions: true })
	.use(async ({ ctx, next }) => {
		await ctx.throttle(ctx.meta.ip);
		return next();
	})
	.input(ZReauthInput)
	.output(z.object({ ok: z.literal(true) }))
	.mutation(async ({ ctx, input }) => {
		const rotated = await reauthenticate(ctx, ctx.actor, input, ctx.meta);
		ctx.session.set(rotated.token, rotated.expiresAt);
		return { ok: true as const };
	});

export const reauthPasskeyOptions = authedProcedure
	.meta({ allowWithPendingActions: true })
	.output(z.record(z.string(), z.unknown()))
	.mutation(async ({ ctx }) => ({ ...(await startPasskeyReauth(ctx, ctx.actor)) }));

export const reauthPasskeyVerify = authedProcedure
	.meta({ allowWithPendingActions: true })
	.input(z.strictObject({ response: ZAuthenticationResponseJSON }))
	.output(z.object({ ok: z.literal(true) }))
	.mutation(async ({ ctx, input }) => {
		const rotated = await finishPasskeyReauth(ctx, ctx.actor, input.response, ctx.meta);
		ctx.session.set(rotated.token, rotated.expiresAt);
		return { ok: true as const };
	});
