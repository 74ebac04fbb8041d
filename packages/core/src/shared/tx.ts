import type { DB } from "@tessera/db/schema";
import { transactionSlotsOf } from "@tessera/db/transaction-slots";
import type { Kysely, Transaction } from "kysely";

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

const RETRYABLE = new Set(["40001", "40P01"]);

/** Attempts in all, the first included: enough to outlast a burst of contention, bounded. */
export const TRANSACTION_ATTEMPTS = 4;

/**
 * Runs `fn` in a transaction, retrying a bounded number of times with jittered, growing backoff
 * when PostgreSQL reports a serialization failure or deadlock: both roll the whole transaction
 * back, so nothing of the failed attempt (its audit row included) remains, and `fn` runs again
 * from the start. Any other error, or the last attempt's, reaches the caller unchanged; the API
 * turns database faults into retryable answers (shared/db-faults.ts).
 *
 * On PostgreSQL, transactions take one of a limited number of slots first, so requests waiting
 * on one hot row cannot hold every pooled connection (see @tessera/db/transaction-slots).
 */
export async function inTransaction<T>(
	db: Db,
	fn: (trx: Tx) => Promise<T>,
	attempts = TRANSACTION_ATTEMPTS,
): Promise<T> {
	const slots = transactionSlotsOf(db);
	const once = () => db.transaction().execute(fn);
	for (let attempt = 1; ; attempt++) {
		try {
			return await (slots ? slots.run(once) : once());
		} catch (error) {
			const code = (error as { code?: unknown }).code;
			if (attempt >= attempts || typeof code !== "string" || !RETRYABLE.has(code)) throw error;
			// Full jitter: two transactions that deadlocked on each other rarely pick the same delay.
			await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
		}
	}
}

/** True when `error` is PostgreSQL's unique violation, optionally on a named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
	const e = error as { code?: unknown; constraint?: unknown };
	return e?.code === "23505" && (constraint === undefined || e.constraint === constraint);
}
