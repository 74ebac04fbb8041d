import type { OutboxRow } from "@tessera/db/schema";
import { type Clock, DAY } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import { ValidationError } from "../shared/errors";
import type { Db, Tx } from "../shared/tx";
import type { DevMailboxMessage } from "./dev-mailbox.schema";
import { insertOutboxMessage, listRecentOutboxMessages, redactSettledOutboxMessages } from "./outbox.repository";
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
 * development mailbox. Bodies hold live sign-in codes and links: the API offers this only when
 * the mailbox is turned on by name, never in production, and only to loopback clients.
 */
export async function listDevMailbox(
	{ db }: Pick<CoreDeps, "db">,
	tenantId: string,
	limit = 50,
): Promise<DevMailboxMessage[]> {
	const bounded = Math.min(Math.max(Math.trunc(limit), 1), DEV_MAILBOX_MAX_LIMIT);
	const rows = await listRecentOutboxMessages(db, tenantId, bounded);
	return rows.map(outboxRowToDevMailboxMessage);
}

/**
 * Housekeeping's backstop for secrets at rest: codes and links that a development mailbox kept
 * readable are dropped a day after they were written. Codes have expired by then; an invitation
 * link may still work for days, but a day is long enough to copy it from a mailbox used for
 * development, and "Resend" issues a new one. Returns how many bodies it redacted.
 */
export function redactKeptSecrets({ db, clock }: Pick<CoreDeps, "db" | "clock">): Promise<number> {
	return redactSettledOutboxMessages(db, new Date(clock.now().getTime() - DAY));
}
