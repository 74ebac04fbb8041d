import type { DB } from "@tessera/db/schema";
import type { Kysely, Transaction } from "kysely";

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

const RETRYABLE = new Set(["40001", "40P01"]);

/**
 * Runs `fn` in a transaction, retrying a bounded number of times with jitter when PostgreSQL
 * reports a serialization failure or deadlock (both are safe to retry: nothing was committed).
 */
export async function inTransaction<T>(db: Db, fn: (trx: Tx) => Promise<T>, attempts = 3): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await db.transaction().execute(fn);
		} catch (error) {
			const code = (error as { code?: unknown }).code;
			if (attempt >= attempts || typeof code !== "string" || !RETRYABLE.has(code)) throw error;
			await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
		}
	}
}

/** True when `error` is PostgreSQL's unique violation, optionally on a named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
	const e = error as { code?: unknown; constraint?: unknown };
	return e?.code === "23505" && (constraint === undefined || e.constraint === constraint);
}
