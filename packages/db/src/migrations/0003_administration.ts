import { type Kysely, sql } from "kysely";

/**
 * Administration: invitations, API keys for application users, and null-free sort keys so the
 * user list pages by keyset on every sortable column with one index each.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
	// Keyset pagination compares (sort key, id) tuples; NULLs would break the comparison, so the
	// nullable columns get NOT NULL sort twins maintained by the database.
	await sql`alter table users add column sort_name text generated always as (lower(coalesce(last_name, '') || ' ' || coalesce(first_name, '') || ' ' || coalesce(email, ''))) stored not null`.execute(
		db,
	);
	await sql`alter table users add column sort_email text generated always as (coalesce(email, '')) stored not null`.execute(
		db,
	);
	await sql`alter table users add column sort_last_sign_in timestamptz generated always as (coalesce(last_sign_in_at, timestamptz '1970-01-01 00:00:00+00')) stored not null`.execute(
		db,
	);
	await sql`drop index if exists users_tenant_email_sort`.execute(db);
	await sql`drop index if exists users_tenant_name_sort`.execute(db);
	await sql`drop index if exists users_tenant_last_sign_in`.execute(db);
	await sql`create index users_tenant_sort_name on users (tenant_id, sort_name, id)`.execute(db);
	await sql`create index users_tenant_sort_email on users (tenant_id, sort_email, id)`.execute(db);
	await sql`create index users_tenant_sort_last_sign_in on users (tenant_id, sort_last_sign_in, id)`.execute(db);
	await sql`create index users_tenant_type on users (tenant_id, user_type, id)`.execute(db);
	await sql`create index users_tenant_mfa on users (tenant_id, two_factor_enabled, two_factor_type)`.execute(db);

	await db.schema
		.createTable("invitations")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		// The invited person, created in state "create" until they accept.
		.addColumn("user_id", "uuid", (c) => c.notNull())
		.addColumn("email", "text", (c) => c.notNull())
		.addColumn("token_hash", "text", (c) => c.notNull().unique())
		.addColumn("role_id", "uuid")
		.addColumn("context_type", "text", (c) => c.check(sql`context_type in ('tenant', 'account', 'space')`))
		.addColumn("context_id", "uuid")
		.addColumn("applies_to_sub_accounts", "boolean", (c) => c.notNull().defaultTo(false))
		.addColumn("invited_by", "uuid")
		.addColumn("created_at", "timestamptz", (c) => c.notNull())
		.addColumn("expires_at", "timestamptz", (c) => c.notNull())
		.addColumn("accepted_at", "timestamptz")
		.addColumn("revoked_at", "timestamptz")
		.addForeignKeyConstraint("invitations_user_fk", ["tenant_id", "user_id"], "users", ["tenant_id", "id"], (fk) =>
			fk.onDelete("cascade"),
		)
		.addForeignKeyConstraint("invitations_role_fk", ["tenant_id", "role_id"], "roles", ["tenant_id", "id"], (fk) =>
			fk.onDelete("cascade"),
		)
		.execute();
	await db.schema.createIndex("invitations_tenant").on("invitations").columns(["tenant_id", "created_at"]).execute();
	await db.schema.createIndex("invitations_user").on("invitations").column("user_id").execute();

	await db.schema
		.createTable("api_keys")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		.addColumn("user_id", "uuid", (c) => c.notNull())
		.addColumn("name", "text", (c) => c.notNull())
		// Shown in lists so people can tell keys apart; the secret part is never stored.
		.addColumn("prefix", "text", (c) => c.notNull().unique())
		// SHA-256 of the whole key: 256 random bits need no slow hash.
		.addColumn("key_hash", "text", (c) => c.notNull().unique())
		.addColumn("created_by", "uuid")
		.addColumn("created_at", "timestamptz", (c) => c.notNull())
		.addColumn("expires_at", "timestamptz")
		.addColumn("last_used_at", "timestamptz")
		.addColumn("revoked_at", "timestamptz")
		.addForeignKeyConstraint("api_keys_user_fk", ["tenant_id", "user_id"], "users", ["tenant_id", "id"], (fk) =>
			fk.onDelete("cascade"),
		)
		.execute();
	await db.schema.createIndex("api_keys_user").on("api_keys").columns(["tenant_id", "user_id"]).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable("api_keys").ifExists().execute();
	await db.schema.dropTable("invitations").ifExists().execute();
	for (const index of [
		"users_tenant_sort_name",
		"users_tenant_sort_email",
		"users_tenant_sort_last_sign_in",
		"users_tenant_type",
		"users_tenant_mfa",
	]) {
		await sql`drop index if exists ${sql.raw(index)}`.execute(db);
	}
	await sql`alter table users drop column sort_name, drop column sort_email, drop column sort_last_sign_in`.execute(db);
	await sql`create index users_tenant_email_sort on users (tenant_id, email, id)`.execute(db);
	await sql`create index users_tenant_name_sort on users (tenant_id, last_name, first_name, id)`.execute(db);
	await sql`create index users_tenant_last_sign_in on users (tenant_id, last_sign_in_at, id)`.execute(db);
}
