import type { OutboxRow } from "@tessera/db/schema";
import type { Clock } from "../shared/clock";
import type { Db } from "../shared/tx";
import {
	claimDueOutboxMessages,
	markOutboxMessageFailed,
	markOutboxMessageSent,
	releaseOutboxClaim,
	scheduleOutboxRetry,
} from "./outbox.repository";
import { OUTBOX_MAX_ATTEMPTS, outboxDeliveryDeadline, outboxRetryDelayMs } from "./outbox.retry";
import type { MessageTransport, OutgoingMessage } from "./transports/transport";

/** Pino-compatible (`logger.info(fields, message)`), so Fastify's logger can be passed as is. */
export interface OutboxLogger {
	info(fields: Record<string, unknown>, message: string): void;
	warn(fields: Record<string, unknown>, message: string): void;
	error(fields: Record<string, unknown>, message: string): void;
}

export interface OutboxWorkerOptions {
	db: Db;
	clock: Clock;
	transport: MessageTransport;
	/** Messages claimed per run. */
	batchSize?: number;
	/** How long a claim keeps other workers off a message; a crashed worker's messages return after it. */
	leaseMs?: number;
	/** The longest one send may take before it counts as failed. At most (lease - 5 s) / 2. */
	sendTimeoutMs?: number;
	logger?: OutboxLogger;
	/** Jitter source for retry delays; tests pass a constant. */
	random?: () => number;
	/**
	 * Keep the text of delivered messages that carried a code or link, for a development mailbox
	 * that reads them from the outbox. Off by default: once handed over, such a body is redacted.
	 */
	keepDeliveredSecrets?: boolean;
}

export interface OutboxRunResult {
	/** Messages the transport accepted in this run. */
	sent: number;
	/** Messages whose delivery failed in this run (retry scheduled, or given up). */
	failed: number;
}

export interface OutboxWorker {
	/** Claims one batch of due messages and delivers each. Rejects only if the database fails. */
	runOnce(): Promise<OutboxRunResult>;
	/** Runs batches until stopped: at once again after a full batch, else after `intervalMs`. */
	start(intervalMs?: number): void;
	/**
	 * Stops the loop and waits for the runs in progress; their messages not yet sent are handed back
	 * at once. Until the next start(), runOnce claims nothing.
	 */
	stop(): Promise<void>;
}

const SILENT_LOGGER: OutboxLogger = { info() {}, warn() {}, error() {} };

/** Time kept in reserve at the end of a lease to record a send's outcome before the lease ends. */
const RECORD_MARGIN_MS = 5_000;

class SendTimeoutError extends Error {
	override readonly name = "SendTimeoutError";
	constructor(ms: number) {
		super(`The transport did not answer within ${ms} ms`);
	}
}

/**
 * What may be logged about a failure: its kind, never its message. Provider errors can quote
 * what they were sent, and message bodies hold codes and links (SECURITY G05, I08).
 */
function describeFailure(error: unknown): Record<string, unknown> {
	if (!(error instanceof Error)) return { errorName: typeof error };
	const { code, status } = error as { code?: unknown; status?: unknown };
	return {
		errorName: error.name,
		...(typeof code === "string" ? { errorCode: code } : {}),
		...(typeof status === "number" ? { errorStatus: status } : {}),
	};
}

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Creates a worker that delivers the outbox. Guarantees:
 * - a message is handed to the transport by at most one worker at a time: each batch is claimed
 *   with a lease (see claimDueOutboxMessages), and a send is only started if it can finish, or
 *   time out, before that lease ends;
 * - a failed delivery is retried with backoff (outboxRetryDelayMs) until OUTBOX_MAX_ATTEMPTS,
 *   then the message is marked failed; messages whose code expired are not sent at all;
 * - delivery is at least once: a crash between sending and recording repeats the send once the
 *   lease ends;
 * - logs carry ids, templates and error kinds only, never recipients or bodies;
 * - nothing it starts can reject unhandled.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
	const {
		db,
		clock,
		transport,
		batchSize = 20,
		leaseMs = 60_000,
		sendTimeoutMs = 20_000,
		logger = SILENT_LOGGER,
		random = Math.random,
		keepDeliveredSecrets = false,
	} = options;
	if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be a positive integer");
	if (!(sendTimeoutMs > 0 && leaseMs >= 2 * sendTimeoutMs + RECORD_MARGIN_MS)) {
		throw new RangeError("leaseMs must be at least twice sendTimeoutMs plus 5 s, so a claimed batch can make progress");
	}

	let isStopping = false;
	let timer: NodeJS.Timeout | undefined;
	const runs = new Set<Promise<unknown>>();

	async function sendWithTimeout(message: OutgoingMessage): Promise<void> {
		// A transport that throws synchronously is treated like one that rejects.
		const sending = Promise.resolve().then(() => transport.send(message));
		// If the timeout wins, the send is left running; its late rejection must not go unhandled.
		sending.catch(() => {});
		let timeout: NodeJS.Timeout | undefined;
		try {
			await Promise.race([
				sending,
				new Promise<never>((_, reject) => {
					timeout = setTimeout(() => reject(new SendTimeoutError(sendTimeoutMs)), sendTimeoutMs);
				}),
			]);
		} finally {
			clearTimeout(timeout);
		}
	}

	async function recordFailure(row: OutboxRow, reason: string, fields: Record<string, unknown>): Promise<void> {
		const claim = { id: row.id, attempts: row.attempts, template: row.template };
		const logged = {
			outboxId: row.id,
			template: row.template,
			channel: row.channel,
			attempts: row.attempts,
			...fields,
		};
		if (row.attempts >= OUTBOX_MAX_ATTEMPTS) {
			await markOutboxMessageFailed(db, claim, reason);
			logger.error(logged, "outbox message failed for good");
			return;
		}
		const nextAttemptAt = new Date(clock.now().getTime() + outboxRetryDelayMs(row.attempts, random));
		await scheduleOutboxRetry(db, claim, nextAttemptAt, reason);
		logger.warn({ ...logged, nextAttemptAt: nextAttemptAt.toISOString() }, "outbox delivery failed, will retry");
	}

	/** Delivers one claimed message and records the outcome. Rejects only if the database does. */
	async function deliver(row: OutboxRow): Promise<"sent" | "failed" | "released"> {
		const claim = { id: row.id, attempts: row.attempts, template: row.template };
		const now = clock.now();
		if (isStopping || now.getTime() + sendTimeoutMs + RECORD_MARGIN_MS > row.next_attempt_at.getTime()) {
			// Too little of the lease is left to finish this send (and record it) before another
			// worker may claim the message; starting it anyway could deliver it twice. Hand it back.
			await releaseOutboxClaim(db, claim, now);
			return "released";
		}
		const deadline = outboxDeliveryDeadline(row.template, row.created_at);
		if (deadline && now.getTime() > deadline.getTime()) {
			await markOutboxMessageFailed(db, claim, "Expired before it could be delivered");
			logger.warn({ outboxId: row.id, template: row.template, attempts: row.attempts }, "outbox message expired");
			return "failed";
		}
		if (row.attempts > OUTBOX_MAX_ATTEMPTS) {
			// Claimed more often than allowed without an outcome: its workers keep dying mid-send.
			await markOutboxMessageFailed(db, claim, `No outcome after ${OUTBOX_MAX_ATTEMPTS} attempts`);
			logger.error({ outboxId: row.id, template: row.template, attempts: row.attempts }, "outbox message abandoned");
			return "failed";
		}
		try {
			await sendWithTimeout({ channel: row.channel, recipient: row.recipient, subject: row.subject, body: row.body });
		} catch (error) {
			await recordFailure(row, errorText(error), describeFailure(error));
			return "failed";
		}
		await markOutboxMessageSent(db, row, clock.now(), !keepDeliveredSecrets);
		logger.info(
			{ outboxId: row.id, template: row.template, channel: row.channel, attempts: row.attempts },
			"outbox message sent",
		);
		return "sent";
	}

	async function runBatch(): Promise<OutboxRunResult & { claimed: number }> {
		const result = { sent: 0, failed: 0, claimed: 0 };
		if (isStopping) return result;
		const rows = await claimDueOutboxMessages(db, { now: clock.now(), leaseMs, limit: batchSize });
		result.claimed = rows.length;
		// One at a time: each send is checked against the lease just before it starts.
		for (const row of rows) {
			const outcome = await deliver(row);
			if (outcome === "sent") result.sent++;
			else if (outcome === "failed") result.failed++;
		}
		return result;
	}

	function track<T>(run: Promise<T>): Promise<T> {
		runs.add(run);
		const forget = () => runs.delete(run);
		run.then(forget, forget);
		return run;
	}

	async function runOnce(): Promise<OutboxRunResult> {
		const { sent, failed } = await track(runBatch());
		return { sent, failed };
	}

	/** One start() to stop() cycle; a stopped loop never schedules again, even if a new one started. */
	interface Loop {
		intervalMs: number;
		isStopped: boolean;
	}
	let loop: Loop | undefined;

	function schedule(current: Loop, delayMs: number): void {
		timer = setTimeout(() => {
			tick(current).catch(() => {});
		}, delayMs);
	}

	async function tick(current: Loop): Promise<void> {
		timer = undefined;
		let isFull = false;
		try {
			const result = await track(runBatch());
			isFull = result.claimed === batchSize;
		} catch (error) {
			// The database is unreachable or refused a write; claimed messages return after their lease.
			logger.error(describeFailure(error), "outbox run failed");
		} finally {
			// In finally, so that not even a throwing logger can end the loop.
			if (!current.isStopped) schedule(current, isFull ? 0 : current.intervalMs);
		}
	}

	return {
		runOnce,
		start(intervalMs = 1000) {
			if (loop && !loop.isStopped) return;
			isStopping = false;
			loop = { intervalMs, isStopped: false };
			schedule(loop, 0);
		},
		async stop() {
			isStopping = true;
			if (loop) loop.isStopped = true;
			clearTimeout(timer);
			timer = undefined;
			await Promise.allSettled([...runs]);
		},
	};
}
