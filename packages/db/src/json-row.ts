import DataLoader from "dataloader";
import { type Expression, type Kysely, type SelectQueryBuilder, type ShallowDehydrateObject, sql } from "kysely";
import { prepareQuery } from "./prepared-query";
import type { DB } from "./schema";

/**
 * A row as PostgreSQL's `to_json` hands it back: the same keys and values, timestamps as ISO 8601
 * strings (Kysely's own name for what a value becomes in JSON).
 */
export type JsonRow<R> = ShallowDehydrateObject<R>;

/** The keys of `R` whose values are timestamps (possibly null). */
export type TimestampKeys<R> = {
	[K in keyof R]-?: [NonNullable<R[K]>] extends [Date] ? ([Date] extends [NonNullable<R[K]>] ? K : never) : never;
}[keyof R];

/**
 * Turns a row read as one JSON value back into the row it was built from. The wide, hot rows
 * (the session with the caller's profile, on every portal page load) are read as one `to_json`
 * column: node-postgres then parses one field with the engine's JSON parser instead of building
 * a parser table and an object of forty fields on every call (measured: 150 → 90 µs of API CPU
 * per read).
 *
 * `timestamps` must name every timestamp key of `R`, no more and no fewer (the type checks it),
 * so a column added to the row later cannot arrive as a string where a Date is promised.
 * PostgreSQL writes timestamps in JSON as ISO 8601 with an offset, which `Date` parses exactly to
 * the millisecond, as node-postgres does for a column.
 */
export function jsonRowReader<R>(timestamps: { [K in TimestampKeys<R>]: true }): (row: JsonRow<R>) => R {
	const keys = Object.keys(timestamps);
	return (row) => {
		const record = row as Record<string, unknown>;
		for (const key of keys) {
			const value = record[key];
			if (typeof value === "string") record[key] = new Date(value);
		}
		return row as unknown as R;
	};
}

/** A lookup by one key (a token's hash) whose row is read as one JSON value, batched across callers. */
export interface BatchedJsonRowQuery<R> {
	/** The row the key identifies, or undefined; read by a query sent after this call. */
	load(db: Kysely<DB>, key: string): Promise<R | undefined>;
}

/**
 * The largest batch one query carries: enough for every request a busy event-loop turn admits,
 * small enough that one statement stays short.
 */
const MAX_BATCH = 100;

/**
 * A query compiled once, whose one row is read as one JSON value (see `jsonRowReader`), for the
 * lookups every authenticated request makes (the session or key by
 * its hash): the lookups of the requests that arrive in the same event-loop turn go to PostgreSQL
 * as one statement, `… from unnest($keys) as batch(key) cross join lateral (<the select>) r`.
 * Each key is still looked up by a query sent after its caller asked, so a revocation committed
 * before a request arrived is seen by that request; nothing is kept once the answer is out
 * (DataLoader with its cache off, so a batch holds each caller's key, repeats included, and each
 * caller gets a row of its own). Measured on 2 cores: one statement and one wake-up of the backend
 * per batch instead of per request.
 *
 * `build` receives the key as an expression to compare with; it must select at most one row for
 * a key (a unique column). In a transaction the lookup runs alone, on the transaction.
 */
export function prepareBatchedJsonRowQuery<TB extends keyof DB, R>(
	build: (db: Kysely<DB>, key: Expression<string>) => SelectQueryBuilder<DB, TB, R>,
	timestamps: { [K in TimestampKeys<R>]: true },
): BatchedJsonRowQuery<R> {
	const query = prepareQuery((db, $: { keys: readonly string[] }) =>
		db
			.selectFrom(sql<{ key: string }>`unnest(${$.keys}::text[])`.as<"batch">(sql`batch(key)`))
			.innerJoinLateral(
				() => build(db, sql.ref<string>("batch.key")).as("r"),
				(join) => join.onTrue(),
			)
			.select(["batch.key", sql<JsonRow<R>>`to_json(r)`.as("row")]),
	);
	const read = jsonRowReader<R>(timestamps);
	const run = async (db: Kysely<DB>, keys: readonly string[]): Promise<(R | undefined)[]> => {
		const rows = await query.execute(db, { keys });
		// A repeated key has a row per repeat: each caller gets its own object, never a shared one.
		const rowsByKey = new Map<string, JsonRow<R>[]>();
		for (const { key, row } of rows) {
			const list = rowsByKey.get(key);
			if (list) list.push(row as JsonRow<R>);
			else rowsByKey.set(key, [row as JsonRow<R>]);
		}
		return keys.map((key) => {
			const row = rowsByKey.get(key)?.shift();
			return row && read(row);
		});
	};
	const loaders = new WeakMap<Kysely<DB>, DataLoader<string, R | undefined>>();
	return {
		async load(db, key) {
			if (db.isTransaction) return (await run(db, [key]))[0];
			let loader = loaders.get(db);
			if (!loader) {
				loader = new DataLoader((keys) => run(db, keys), {
					cache: false,
					maxBatchSize: MAX_BATCH,
					// After every request the event loop's poll phase read has reached its lookup.
					batchScheduleFn: (dispatch) => setImmediate(dispatch),
				});
				loaders.set(db, loader);
			}
			return loader.load(key);
		},
	};
}
