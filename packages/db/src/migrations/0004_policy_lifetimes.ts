import { type Kysely, sql } from "kysely";

/**
 * The tenant policy's session and dormancy values, enforced:
 * - each session keeps the idle limit it was started under (`idle_minutes`), so the one query
 *   every request runs needs no policy lookup; a policy change rewrites the live sessions' limits;
 * - dormancy is counted from the later of the last sign-in, the account's creation and its last
 *   state change (`state_changed_at`: a reactivated account starts afresh), and the warning
 *   sent before deactivation is remembered (`dormancy_warned_at`) so it goes out once.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable("sessions")
		.addColumn("idle_minutes", "integer", (c) => c.notNull().defaultTo(15).check(sql`idle_minutes between 1 and 1440`))
		.execute();
	await db.schema
		.alterTable("users")
		.addColumn("state_changed_at", "timestamptz")
		.addColumn("dormancy_warned_at", "timestamptz")
		.execute();
	await sql`create index users_dormancy on users (tenant_id, state, user_type) where state = 'active'`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index if exists users_dormancy`.execute(db);
	await db.schema.alterTable("users").dropColumn("dormancy_warned_at").dropColumn("state_changed_at").execute();
	await db.schema.alterTable("sessions").dropColumn("idle_minutes").execute();
}
