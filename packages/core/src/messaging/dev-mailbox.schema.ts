import { z } from "zod";
import { ZTenantSlug } from "../shared/common.schema";

export const ZDevMailboxInput = z.strictObject({ tenant: ZTenantSlug });

/** One message as the development mailbox shows it: bodies included, which is why it is loopback-only. */
export const ZDevMailboxMessage = z.object({
	id: z.number().int(),
	channel: z.enum(["email", "sms"]),
	recipient: z.string(),
	template: z.string(),
	subject: z.string().nullable(),
	body: z.string(),
	status: z.enum(["pending", "sent", "failed"]),
	attempts: z.number().int(),
	lastError: z.string().nullable(),
	createdAt: z.date(),
	sentAt: z.date().nullable(),
});
export type DevMailboxMessage = z.infer<typeof ZDevMailboxMessage>;

export const ZDevMailboxOutput = z.array(ZDevMailboxMessage);
