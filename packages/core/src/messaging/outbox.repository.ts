import type { OutboxRow } from "@tessera/db/schema";
import type { Db, Tx } from "../shared/tx";
import { type MessageChannel, REDACTED_BODY, TEMPLATES_CARRYING_SECRETS } from "./templates";

/** `last_error` keeps at most this many characters. */
export const OUTBOX_LAST_ERROR_MAX_LENGTH = 500;

export interface NewOutboxMessage {
	tenantId: string;
	userId: string | null;
	channel: MessageChannel;
	recipient: string;
	template: string;
	subject: string | null;
	body: string;
}

/**
 * Identifies one claim of a message: `attempts` as the claim left it. Writes that settle a claim
 * match on it, so a worker whose lease ran out cannot overwrite the outcome of a newer claim.
 */
export interface OutboxClaim {
	id: number;
	attempts: number;
}

/** Inserts a pending message, due at once. Call it with the transaction of the change that causes it. */
export async function insertOutboxMessage(db: Db | Tx, message: NewOutboxMessage, now: Date): Promise<{ id: number }> {
	return db
		.insertInto("outbox")
		.values({
			tenant_id: message.tenantId,
			user_id: message.userId,
			channel: message.channel,
			recipient: message.recipient,
			template: message.template,
			subject: message.subject,
			body: message.body,
			next_attempt_at: now,
			created_at: now,
		})
		.returning("id")
		.executeTakeFirstOrThrow();
}

/**
 * Claims up to `limit` due messages (the longest-due first) in one statement and returns them.
 *
 * Guarantees: a row is returned to at most one caller per lease. The inner select locks the rows
 * it picks and skips rows another claim has locked; the update moves `next_attempt_at` to the end
 * of the lease, so once it commits no other claim sees the row as due. A claim that is never
 * settled (the worker crashed) makes the row due again when the lease ends. `attempts` counts
 * claims, so a message that keeps crashing its worker still runs out of attempts.
 *
 * Run it outside a transaction: the claim must be committed before anything is sent.
 */
export async function claimDueOutboxMessages(
	db: Db,
	input: { now: Date; leaseMs: number; limit: number },
): Promise<OutboxRow[]> {
	const leaseEndsAt = new Date(input.now.getTime() + input.leaseMs);
	const rows = await db
		.updateTable("outbox")
		.set((eb) => ({ next_attempt_at: leaseEndsAt, attempts: eb("attempts", "+", 1) }))
		.where("id", "in", (eb) =>
			eb
				.selectFrom("outbox")
				.select("id")
				.where("status", "=", "pending")
				.where("next_attempt_at", "<=", input.now)
				.orderBy("next_attempt_at")
				.orderBy("id")
				.limit(input.limit)
				.forUpdate()
				.skipLocked(),
		)
		.returningAll()
		.execute();
	// RETURNING has no order, and every claimed row now has the same next_attempt_at; ids follow
	// insertion, so this delivers in the order the messages were written.
	return rows.sort((a, b) => a.id - b.id);
}

/** The body a settled message keeps: its text, or `REDACTED_BODY` when it carried a secret. */
function settledBody(template: string, redact: boolean) {
	return redact && TEMPLATES_CARRYING_SECRETS.has(template) ? { body: REDACTED_BODY } : {};
}

/**
 * Marks a message sent, and with `redact` drops the code or link it carried. Not fenced by the
 * claim: the message did go out, so even a worker whose lease ran out records that (and a newer
 * claim then finds nothing left to do).
 */
export async function markOutboxMessageSent(
	db: Db,
	message: { id: number; template: string },
	now: Date,
	redact: boolean,
): Promise<void> {
	await db
		.updateTable("outbox")
		.set({ status: "sent", sent_at: now, ...settledBody(message.template, redact) })
		.where("id", "=", message.id)
		.where("status", "=", "pending")
		.execute();
}

/** Records a failed delivery and when to try again. Returns false if the claim was no longer current. */
export async function scheduleOutboxRetry(
	db: Db,
	claim: OutboxClaim,
	nextAttemptAt: Date,
	error: string,
): Promise<boolean> {
	const result = await db
		.updateTable("outbox")
		.set({ next_attempt_at: nextAttemptAt, last_error: truncateError(error) })
		.where("id", "=", claim.id)
		.where("status", "=", "pending")
		.where("attempts", "=", claim.attempts)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

/**
 * Gives up on a message for good; a code or link it carried is dropped too (nobody will deliver
 * it, so nobody needs to read it). Returns false if the claim was no longer current.
 */
export async function markOutboxMessageFailed(
	db: Db,
	claim: OutboxClaim & { template: string },
	error: string,
): Promise<boolean> {
	const result = await db
		.updateTable("outbox")
		.set({ status: "failed", last_error: truncateError(error), ...settledBody(claim.template, true) })
		.where("id", "=", claim.id)
		.where("status", "=", "pending")
		.where("attempts", "=", claim.attempts)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

/**
 * Hands back a claimed message that was not tried (its lease was too short, or the worker is
 * stopping): due at once again, and the claim does not count as an attempt.
 */
export async function releaseOutboxClaim(db: Db, claim: OutboxClaim, now: Date): Promise<void> {
	await db
		.updateTable("outbox")
		.set((eb) => ({ next_attempt_at: now, attempts: eb("attempts", "-", 1) }))
		.where("id", "=", claim.id)
		.where("status", "=", "pending")
		.where("attempts", "=", claim.attempts)
		.execute();
}

/**
 * Drops the code or link of settled messages created before `before`: the backstop for messages
 * a development mailbox kept readable, and for any that settled before redaction existed.
 */
export async function redactSettledOutboxMessages(db: Db, before: Date): Promise<number> {
	const result = await db
		.updateTable("outbox")
		.set({ body: REDACTED_BODY })
		.where("status", "in", ["sent", "failed"])
		.where("created_at", "<", before)
		.where("template", "in", [...TEMPLATES_CARRYING_SECRETS])
		.where("body", "<>", REDACTED_BODY)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** The tenant's newest messages first, for the development mailbox. */
export function listRecentOutboxMessages(db: Db, tenantId: string, limit: number): Promise<OutboxRow[]> {
	return db
		.selectFrom("outbox")
		.selectAll()
		.where("tenant_id", "=", tenantId)
		.orderBy("created_at", "desc")
		.orderBy("id", "desc")
		.limit(limit)
		.execute();
}

/**
 * PostgreSQL text cannot hold NUL: an error message carrying one would make the write fail, and
 * the message would then be sent again and again without its failures ever being counted.
 */
function truncateError(error: string): string {
	let text = error.replaceAll("\u0000", "");
	if (text.length <= OUTBOX_LAST_ERROR_MAX_LENGTH) return text;
	text = text.slice(0, OUTBOX_LAST_ERROR_MAX_LENGTH);
	// Do not end on half of a surrogate pair.
	return /[\uD800-\uDBFF]$/.test(text) ? text.slice(0, -1) : text;
}
