import { setCodeChannelEnabled, setPreferredMethod } from "@tessera/core/mfa/mfa-settings.service";
import { TWO_FACTOR_TYPES } from "@tessera/db/schema";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { authedProcedure, recentAuthProcedure } from "../../trpc";

const ok = z.object({ ok: z.literal(true) });

export const mfaRouter = {
	setPreferred: authedProcedure
		.meta({ allowWithPendingActions: true })
		.input(z.strictObject({ method: z.enum(TWO_FACTOR_TYPES) }))
		.output(ok)
		.mutation(async ({ ctx, input }) => {
			await setPreferredMethod(ctx, ctx.actor, input.method, ctx.meta);
			return { ok: true as const };
		}),

	/** Turn SMS or email codes on or off as a second factor (verified number/address needed). */
	setChannel: recentAuthProcedure
		.meta({ allowWithPendingActions: true })
		.input(z.strictObject({ channel: z.enum(["sms", "email"]), enabled: z.boolean() }))
		.output(ok)
		.mutation(async ({ ctx, input }) => {
			await setCodeChannelEnabled(ctx, ctx.actor, input.channel, input.enabled, ctx.meta);
			return { ok: true as const };
		}),
} satisfies TRPCRouterRecord;
