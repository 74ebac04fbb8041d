import { type Kysely, type SelectQueryBuilder, type ShallowDehydrateObject, sql } from "kysely";
import { prepareQuery, type QueryRunner } from "./prepared-query";
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

/** A query compiled once whose one row is read as one JSON value (see `jsonRowReader`). */
export interface PreparedJsonRowQuery<P, R> {
	executeTakeFirst(db: QueryRunner, params: P): Promise<R | undefined>;
}

/**
 * `prepareQuery` for a wide, hot row: the select `build` makes is wrapped as
 * `select to_json(r) as row from (…) r` and read back with `jsonRowReader(timestamps)`, so the
 * caller gets exactly the row the select itself would give.
 */
export function prepareJsonRowQuery<P extends Record<string, unknown>, TB extends keyof DB, R>(
	build: (db: Kysely<DB>, $: P) => SelectQueryBuilder<DB, TB, R>,
	timestamps: { [K in TimestampKeys<R>]: true },
): PreparedJsonRowQuery<P, R> {
	const query = prepareQuery((db, $: P) =>
		db.selectFrom(build(db, $).as("r")).select(sql<JsonRow<R>>`to_json(r)`.as("row")),
	);
	const read = jsonRowReader<R>(timestamps);
	return {
		async executeTakeFirst(db, params) {
			const found = await query.executeTakeFirst(db, params);
			return found && read(found.row as JsonRow<R>);
		},
	};
}
