import { type Kysely, sql } from "kysely";

/**
 * Self-service password reset (issue 10, item 1; SECURITY A16–A19). One row per request: only
 * the SHA-256 of the 256-bit token is stored, it lives 30 minutes, and `used_at` marks it spent
 * (by its own use, by a newer request, or by a password or email change).
 *
 * `users.password_reset_at` records a reset by email link that no non-email second factor has
 * vouched for since: until one does, an email code does not count as the second factor, because
 * the mailbox already stood in for the first (ASVS 6.4.3).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable("password_reset_tokens")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		.addColumn("user_id", "uuid", (c) => c.notNull())
		.addColumn("token_hash", "text", (c) => c.notNull().unique())
		// Who asked: null for the user themself, else the administrator who sent the link.
		.addColumn("requested_by", "uuid")
		.addColumn("created_at", "timestamptz", (c) => c.notNull())
		.addColumn("expires_at", "timestamptz", (c) => c.notNull())
		.addColumn("used_at", "timestamptz")
		.addForeignKeyConstraint(
			"password_reset_tokens_user_fk",
			["tenant_id", "user_id"],
			"users",
			["tenant_id", "id"],
			(fk) => fk.onDelete("cascade"),
		)
		.execute();
	// The per-account cap counts a user's recent requests; voiding finds their open tokens.
	await db.schema
		.createIndex("password_reset_tokens_user")
		.on("password_reset_tokens")
		.columns(["user_id", "created_at"])
		.execute();
	await db.schema.alterTable("users").addColumn("password_reset_at", "timestamptz").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable("users").dropColumn("password_reset_at").execute();
	await db.schema.dropTable("password_reset_tokens").ifExists().execute();
}
