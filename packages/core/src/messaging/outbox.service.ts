import type { OutboxRow } from "@tessera/db/schema";
import type { Clock } from "../shared/clock";
import { ValidationError } from "../shared/errors";
import type { Db, Tx } from "../shared/tx";
import { insertOutboxMessage, listRecentOutboxMessages } from "./outbox.repository";
import { type MessageChannel, type MessageTemplate, renderMessage, type TemplateParams } from "./templates";

export interface EnqueueMessageInput<T extends MessageTemplate> {
	tenantId: string;
	/** The user the message is about; null for messages to an address not (yet) tied to a user. */
	userId: string | null;
	channel: MessageChannel;
	/** An email address or an E.164 phone number, matching `channel`. */
	recipient: string;
	template: T;
	params: TemplateParams<T>;
	/** The recipient's BCP 47 language tag; English when null or not offered. */
	language: string | null;
}

/**
 * Renders a message and queues it for delivery. Call it with the transaction of the change that
 * causes the message: both commit or neither does, so there is never a message about a change
 * that did not happen, nor a change whose message was lost. Delivery happens later, in the
 * outbox worker, with retries. The rendered text is stored, not the params, so a later template
 * change never alters a queued message.
 */
export async function enqueueMessage<T extends MessageTemplate>(
	trx: Db | Tx,
	clock: Clock,
	input: EnqueueMessageInput<T>,
): Promise<{ id: number }> {
	const recipient = input.recipient.trim();
	if (recipient === "") throw new ValidationError({ recipient: ["A message needs a recipient"] });
	const { subject, body } = renderMessage(input.template, input.params, input.language, input.channel);
	return insertOutboxMessage(
		trx,
		{
			tenantId: input.tenantId,
			userId: input.userId,
			channel: input.channel,
			recipient,
			template: input.template,
			subject,
			body,
		},
		clock.now(),
	);
}

export interface DevMailboxMessage {
	id: number;
	channel: MessageChannel;
	recipient: string;
	template: string;
	subject: string | null;
	body: string;
	status: "pending" | "sent" | "failed";
	attempts: number;
	lastError: string | null;
	createdAt: Date;
	sentAt: Date | null;
}

const DEV_MAILBOX_MAX_LIMIT = 200;

function outboxRowToDevMailboxMessage(row: OutboxRow): DevMailboxMessage {
	return {
		id: row.id,
		channel: row.channel,
		recipient: row.recipient,
		template: row.template,
		subject: row.subject,
		body: row.body,
		status: row.status,
		attempts: row.attempts,
		lastError: row.last_error,
		createdAt: row.created_at,
		sentAt: row.sent_at,
	};
}

/**
 * The tenant's newest messages (up to `limit`, at most 200), bodies included, for the
 * development mailbox. Bodies hold live sign-in codes and links: the API must offer this only
 * when it runs in development with the dev transport, never in production.
 */
export async function listDevMailbox(db: Db, tenantId: string, limit = 50): Promise<DevMailboxMessage[]> {
	const bounded = Math.min(Math.max(Math.trunc(limit), 1), DEV_MAILBOX_MAX_LIMIT);
	const rows = await listRecentOutboxMessages(db, tenantId, bounded);
	return rows.map(outboxRowToDevMailboxMessage);
}
