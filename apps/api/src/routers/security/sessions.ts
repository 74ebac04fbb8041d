import {
	listOwnSessions,
	revokeOtherOwnSessions,
	revokeOwnSession,
} from "@tessera/core/auth/session-management.service";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { authedProcedure, recentAuthProcedure } from "../../trpc";

export const sessionsRouter = {
	list: authedProcedure
		.output(
			z.array(
				z.object({
					id: z.uuid(),
					current: z.boolean(),
					createdAt: z.date(),
					lastActiveAt: z.date(),
					ip: z.string().nullable(),
					browser: z.string().nullable(),
					os: z.string().nullable(),
					device: z.string().nullable(),
				}),
			),
		)
		.query(({ ctx }) => listOwnSessions(ctx, ctx.actor)),

	revoke: recentAuthProcedure
		.input(z.strictObject({ sessionId: z.uuid() }))
		.output(z.object({ ok: z.literal(true) }))
		.mutation(async ({ ctx, input }) => {
			await revokeOwnSession(ctx, ctx.actor, input.sessionId, ctx.meta);
			if (input.sessionId === ctx.actor.sessionId) ctx.session.clear();
			return { ok: true as const };
		}),

	revokeOthers: recentAuthProcedure
		.output(z.object({ revoked: z.number() }))
		.mutation(async ({ ctx }) => ({ revoked: await revokeOtherOwnSessions(ctx, ctx.actor, ctx.meta) })),
} satisfies TRPCRouterRecord;
