import { ZDevMailboxInput, ZDevMailboxOutput } from "@tessera/core/messaging/dev-mailbox.schema";
import { listDevMailbox } from "@tessera/core/messaging/outbox.service";
import { findTenantBySlug } from "@tessera/core/tenants/tenant.repository";
import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../../trpc";

/**
 * Development only: the messages Tessera would have sent, so sign-in codes can be read without
 * a real mail server or SMS gateway. It answers NOT_FOUND, as if it did not exist, unless the
 * mailbox was turned on by name (see `Config.devMailbox`: never in production) and the caller
 * is on this machine: a mailbox of live codes must not be one wrong firewall rule away.
 */
export const devRouter = {
	mailbox: publicProcedure
		.input(ZDevMailboxInput)
		.output(ZDevMailboxOutput)
		.query(async ({ ctx, input }) => {
			if (!ctx.config.devMailbox || !ctx.fromLoopback) throw new TRPCError({ code: "NOT_FOUND" });
			const tenant = await findTenantBySlug(ctx.db, input.tenant);
			return tenant ? listDevMailbox(ctx, tenant.id, 100) : [];
		}),
} satisfies TRPCRouterRecord;
