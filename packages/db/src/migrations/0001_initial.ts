import { type Kysely, sql } from "kysely";

/**
 * The first schema. Every tenant-owned table carries tenant_id, and child rows point at their
 * parent through (tenant_id, id) pairs, so the database itself refuses a row that links two tenants.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against whatever the schema was then, not today's DB type
export async function up(db: Kysely<any>): Promise<void> {
	await sql`create extension if not exists pg_trgm`.execute(db);

	await db.schema
		.createTable("tenants")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("slug", "text", (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'`))
		.addColumn("name", "text", (c) => c.notNull())
		.addColumn("policy", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable("accounts")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
		.addColumn("parent_account_id", "uuid")
		.addColumn("name", "text", (c) => c.notNull())
		.addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint("accounts_tenant_id_id_key", ["tenant_id", "id"])
		.addForeignKeyConstraint("accounts_parent_fk", ["tenant_id", "parent_account_id"], "accounts", ["tenant_id", "id"])
		.addCheckConstraint("accounts_not_own_parent", sql`parent_account_id is distinct from id`)
		.execute();

	await db.schema
		.createTable("spaces")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		.addColumn("account_id", "uuid", (c) => c.notNull())
		.addColumn("name", "text", (c) => c.notNull())
		.addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint("spaces_tenant_id_id_key", ["tenant_id", "id"])
		.addForeignKeyConstraint("spaces_account_fk", ["tenant_id", "account_id"], "accounts", ["tenant_id", "id"], (fk) =>
			fk.onDelete("cascade"),
		)
		.execute();

	await db.schema
		.createTable("users")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
		.addColumn("user_type", "text", (c) =>
			c.notNull().defaultTo("human").check(sql`user_type in ('human', 'application')`),
		)
		.addColumn("state", "text", (c) =>
			c.notNull().check(sql`state in ('create', 'active', 'inactive', 'deleting', 'deleted')`),
		)
		.addColumn("email", "text")
		.addColumn("email_verified", "boolean", (c) => c.notNull().defaultTo(false))
		.addColumn("phone", "text", (c) => c.check(sql`phone ~ '^\\+[1-9][0-9]{6,14}$'`))
		.addColumn("phone_verified", "boolean", (c) => c.notNull().defaultTo(false))
		.addColumn("first_name", "text")
		.addColumn("last_name", "text")
		.addColumn("username", "text")
		.addColumn("language", "text")
		.addColumn("time_zone", "text")
		.addColumn("primary_account_id", "uuid")
		.addColumn("planned_purge_at", "timestamptz")
		.addColumn("two_factor_enabled", "boolean", (c) => c.notNull().defaultTo(false))
		.addColumn("two_factor_type", "text", (c) => c.check(sql`two_factor_type in ('totp', 'sms', 'email', 'passkey')`))
		.addColumn("version", "integer", (c) => c.notNull().defaultTo(1).check(sql`version >= 1`))
		.addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn("last_sign_in_at", "timestamptz")
		.addColumn("password_changed_at", "timestamptz")
		.addColumn("search_text", "text", (c) =>
			c
				.notNull()
				.generatedAlwaysAs(
					sql`lower(coalesce(email, '') || ' ' || coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(username, ''))`,
				)
				.stored(),
		)
		.addUniqueConstraint("users_tenant_id_id_key", ["tenant_id", "id"])
		.addForeignKeyConstraint("users_primary_account_fk", ["tenant_id", "primary_account_id"], "accounts", [
			"tenant_id",
			"id",
		])
		// The seed's two properties "two-factor enabled" and "two-factor type" can never disagree.
		.addCheckConstraint("users_two_factor_consistent", sql`two_factor_enabled = (two_factor_type is not null)`)
		.addCheckConstraint(
			"users_deleting_has_purge_date",
			sql`state not in ('deleting', 'deleted') or planned_purge_at is not null`,
		)
		.addCheckConstraint(
			"users_human_has_email",
			sql`user_type = 'application' or state = 'deleted' or email is not null`,
		)
		.addCheckConstraint("users_email_normalised", sql`email = lower(btrim(email))`)
		.execute();

	// Emails are stored normalised (trimmed, lower case), so a plain unique index is case-insensitive.
	await sql`create unique index users_tenant_email_key on users (tenant_id, email) where email is not null`.execute(db);
	await sql`create unique index users_tenant_username_key on users (tenant_id, lower(username)) where username is not null`.execute(
		db,
	);
	// Substring search over email, names and username (ILIKE '%q%') uses this trigram index.
	await sql`create index users_search_trgm on users using gin (search_text gin_trgm_ops)`.execute(db);
	// Keyset pagination: one (tenant, sort column, id) index per sortable column.
	await sql`create index users_tenant_created on users (tenant_id, created_at, id)`.execute(db);
	await sql`create index users_tenant_email_sort on users (tenant_id, email, id)`.execute(db);
	await sql`create index users_tenant_name_sort on users (tenant_id, last_name, first_name, id)`.execute(db);
	await sql`create index users_tenant_last_sign_in on users (tenant_id, last_sign_in_at, id)`.execute(db);
	await sql`create index users_tenant_state on users (tenant_id, state, id)`.execute(db);
	await sql`create index users_tenant_primary_account on users (tenant_id, primary_account_id)`.execute(db);

	await db.schema
		.createTable("password_credentials")
		.addColumn("user_id", "uuid", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
		.addColumn("tenant_id", "uuid", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
		.addColumn("password_hash", "text", (c) => c.notNull().check(sql`password_hash like '$argon2id$%'`))
		.addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable("sessions")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		.addColumn("user_id", "uuid", (c) => c.notNull())
		.addColumn("token_hash", "text", (c) => c.notNull().unique())
		.addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn("last_seen_at", "timestamptz", (c) => c.notNull())
		.addColumn("expires_at", "timestamptz", (c) => c.notNull())
		.addColumn("ip", "text")
		.addColumn("user_agent", "text")
		.addColumn("revoked_at", "timestamptz")
		.addForeignKeyConstraint("sessions_user_fk", ["tenant_id", "user_id"], "users", ["tenant_id", "id"], (fk) =>
			fk.onDelete("cascade"),
		)
		.execute();
	await db.schema.createIndex("sessions_user").on("sessions").columns(["user_id", "created_at"]).execute();

	await db.schema
		.createTable("permissions")
		.addColumn("key", "text", (c) => c.primaryKey())
		.addColumn("description", "text", (c) => c.notNull())
		.execute();
	await db
		.insertInto("permissions")
		.values([
			{ key: "users.read", description: "See users, their profiles and security information" },
			{ key: "users.write", description: "Create, invite and edit users; change their state" },
			{ key: "users.delete", description: "Delete users and restore them while deletion is pending" },
			{ key: "users.security", description: "Reset MFA, revoke sessions, force password changes, unlock" },
			{ key: "roles.read", description: "See roles and role assignments" },
			{ key: "roles.manage", description: "Create roles and assign or remove them" },
			{ key: "invitations.manage", description: "Send, resend and revoke invitations" },
			{ key: "audit.read", description: "Read and export the audit log" },
			{ key: "dashboard.read", description: "See user statistics and security posture" },
			{ key: "apikeys.manage", description: "Create application users and manage their API keys" },
			{ key: "policy.manage", description: "Change the tenant's security policy" },
			{ key: "accounts.manage", description: "Create and edit accounts and spaces" },
		])
		.execute();

	await db.schema
		.createTable("roles")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
		.addColumn("key", "text", (c) => c.notNull())
		.addColumn("name", "text", (c) => c.notNull())
		.addColumn("description", "text", (c) => c.notNull().defaultTo(""))
		.addColumn("context_type", "text", (c) => c.notNull().check(sql`context_type in ('tenant', 'account', 'space')`))
		.addColumn("is_builtin", "boolean", (c) => c.notNull().defaultTo(false))
		.addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint("roles_tenant_key", ["tenant_id", "key"])
		.addUniqueConstraint("roles_tenant_id_id_key", ["tenant_id", "id"])
		.execute();

	await db.schema
		.createTable("role_permissions")
		.addColumn("role_id", "uuid", (c) => c.notNull().references("roles.id").onDelete("cascade"))
		.addColumn("permission", "text", (c) => c.notNull().references("permissions.key"))
		.addPrimaryKeyConstraint("role_permissions_pk", ["role_id", "permission"])
		.execute();

	await db.schema
		.createTable("role_assignments")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		.addColumn("user_id", "uuid", (c) => c.notNull())
		.addColumn("role_id", "uuid", (c) => c.notNull())
		.addColumn("context_type", "text", (c) => c.notNull().check(sql`context_type in ('tenant', 'account', 'space')`))
		.addColumn("context_id", "uuid", (c) => c.notNull())
		.addColumn("applies_to_sub_accounts", "boolean", (c) => c.notNull().defaultTo(false))
		.addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn("created_by", "uuid")
		.addForeignKeyConstraint("role_assignments_user_fk", ["tenant_id", "user_id"], "users", ["tenant_id", "id"], (fk) =>
			fk.onDelete("cascade"),
		)
		.addForeignKeyConstraint("role_assignments_role_fk", ["tenant_id", "role_id"], "roles", ["tenant_id", "id"], (fk) =>
			fk.onDelete("cascade"),
		)
		.addUniqueConstraint("role_assignments_unique", ["user_id", "role_id", "context_type", "context_id"])
		.addCheckConstraint(
			"role_assignments_sub_accounts_only_for_accounts",
			sql`not applies_to_sub_accounts or context_type = 'account'`,
		)
		.execute();
	await db.schema.createIndex("role_assignments_user").on("role_assignments").column("user_id").execute();
	await db.schema
		.createIndex("role_assignments_role")
		.on("role_assignments")
		.columns(["tenant_id", "role_id"])
		.execute();

	// Audit rows reference users by id without a foreign key: they must outlive the user (tombstones, purge).
	await db.schema
		.createTable("audit_events")
		.addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
		.addColumn("tenant_id", "uuid", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
		.addColumn("occurred_at", "timestamptz", (c) => c.notNull())
		.addColumn("actor_user_id", "uuid")
		.addColumn("target_user_id", "uuid")
		.addColumn("action", "text", (c) => c.notNull())
		.addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('success', 'failure')`))
		.addColumn("ip", "text")
		.addColumn("user_agent", "text")
		.addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.execute();
	await db.schema
		.createIndex("audit_events_tenant_time")
		.on("audit_events")
		.columns(["tenant_id", "occurred_at"])
		.execute();
	await db.schema
		.createIndex("audit_events_target")
		.on("audit_events")
		.columns(["tenant_id", "target_user_id", "occurred_at"])
		.execute();

	// Append-only: the application may insert audit rows but never rewrite history (PCI DSS 10.3.2).
	// Purge pseudonymisation (a later migration) opts in with a transaction-local setting.
	await sql`
		create function audit_events_append_only() returns trigger language plpgsql as $$
		begin
			if coalesce(current_setting('tessera.audit_maintenance', true), '') <> 'on' then
				raise exception 'audit_events is append-only' using errcode = 'insufficient_privilege';
			end if;
			return case when tg_op = 'DELETE' then old else new end;
		end $$`.execute(db);
	await sql`
		create trigger audit_events_append_only before update or delete on audit_events
		for each row execute function audit_events_append_only()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		"audit_events",
		"role_assignments",
		"role_permissions",
		"roles",
		"permissions",
		"sessions",
		"password_credentials",
		"users",
		"spaces",
		"accounts",
		"tenants",
	]) {
		await db.schema.dropTable(table).ifExists().execute();
	}
	await sql`drop function if exists audit_events_append_only`.execute(db);
}
