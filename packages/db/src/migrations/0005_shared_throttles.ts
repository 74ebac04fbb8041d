import type { Kysely } from "kysely";

/**
 * Per-address throttles kept in the database instead of process memory, so every API process
 * draws from one budget (issue 10, item 8). One row per key and window: a fixed window that
 * starts with its first hit and counts hits until `expires_at`.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable("throttles")
		// "<window>:<client key>", e.g. "auth-m:203.0.113.7" or "auth-h:2001:db8:1:2::/64".
		.addColumn("key", "text", (c) => c.primaryKey())
		.addColumn("points", "integer", (c) => c.notNull())
		.addColumn("expires_at", "timestamptz", (c) => c.notNull())
		.execute();
	// Housekeeping deletes windows that ended; without this it would scan the table.
	await db.schema.createIndex("throttles_expires_at").on("throttles").column("expires_at").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable("throttles").ifExists().execute();
}
