import { listDevMailbox } from "@tessera/core/messaging/outbox.service";
import { findTenantBySlug } from "@tessera/core/tenants/tenant.repository";
import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { publicProcedure } from "../../trpc";

/**
 * Development only: the messages Tessera would have sent, so sign-in codes can be read without
 * a real mail server or SMS gateway. Off (NOT_FOUND) unless TESSERA_DEV_MAILBOX is on, and never
 * on by default in production.
 */
export const devRouter = {
	mailbox: publicProcedure
		.input(z.strictObject({ tenant: z.string().trim().toLowerCase().min(1).max(63) }))
		.output(
			z.array(
				z.object({
					id: z.number(),
					channel: z.enum(["email", "sms"]),
					recipient: z.string(),
					subject: z.string().nullable(),
					body: z.string(),
					template: z.string(),
					createdAt: z.date(),
					status: z.string(),
				}),
			),
		)
		.query(async ({ ctx, input }) => {
			if (!ctx.config.devMailbox) throw new TRPCError({ code: "NOT_FOUND" });
			const tenant = await findTenantBySlug(ctx.db, input.tenant);
			return tenant ? listDevMailbox(ctx.db, tenant.id, 100) : [];
		}),
} satisfies TRPCRouterRecord;
