import type { Kysely } from "kysely";

/**
 * How many transactions may hold a pooled connection at once, so the rest of the pool stays free
 * for plain reads (the session lookup, `me.get`, the user list). A transaction can wait on a row
 * lock for up to the lock timeout; without this, a dozen requests parked on one hot row took
 * every connection and requests about other users got no answer.
 */
export class TransactionSlots {
	#free: number;
	readonly #waiting: Array<() => void> = [];

	constructor(
		readonly size: number,
		/** Longest a transaction waits for a slot before it gives up. */
		readonly waitMs: number,
	) {
		this.#free = size;
	}

	/** Runs `work` in a slot; rejects with TransactionSlotTimeoutError when none frees up in time. */
	async run<T>(work: () => Promise<T>): Promise<T> {
		await this.#acquire();
		try {
			return await work();
		} finally {
			this.#release();
		}
	}

	#acquire(): Promise<void> {
		if (this.#free > 0) {
			this.#free--;
			return Promise.resolve();
		}
		return new Promise((resolve, reject) => {
			const grant = () => {
				clearTimeout(timer);
				resolve();
			};
			const timer = setTimeout(() => {
				const index = this.#waiting.indexOf(grant);
				if (index >= 0) this.#waiting.splice(index, 1);
				reject(new TransactionSlotTimeoutError(this.waitMs));
			}, this.waitMs);
			this.#waiting.push(grant);
		});
	}

	#release(): void {
		// The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
		const next = this.#waiting.shift();
		if (next) next();
		else this.#free++;
	}
}

export class TransactionSlotTimeoutError extends Error {
	override readonly name = "TransactionSlotTimeoutError";
	/** Read by core's fault classifier: the database is saturated, which is worth a retry. */
	readonly code = "TESSERA_POOL_SATURATED";
	constructor(ms: number) {
		super(`no transaction slot became free within ${ms} ms`);
	}
}

// Keyed by the Kysely handle `connect()` made, so core finds the slots of the pool behind the
// handle it was given without every caller passing them along; a Transaction is never a key.
const slotsOfHandle = new WeakMap<Kysely<never>, TransactionSlots>();

export function attachTransactionSlots<T>(db: Kysely<T>, slots: TransactionSlots): void {
	slotsOfHandle.set(db as unknown as Kysely<never>, slots);
}

/** The slots of the pool behind `db`, or undefined (PGlite, or already inside a transaction). */
export function transactionSlotsOf<T>(db: Kysely<T>): TransactionSlots | undefined {
	return slotsOfHandle.get(db as unknown as Kysely<never>);
}

/** Connections kept for reads: a fifth of the pool, at least two, while leaving one for writes. */
export function transactionSlotCount(poolSize: number): number {
	return Math.max(1, poolSize - Math.max(2, Math.ceil(poolSize / 5)));
}
