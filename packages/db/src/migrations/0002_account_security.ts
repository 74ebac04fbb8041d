import { type Kysely, sql } from "kysely";

/**
 * Account security: lockout counters and required actions on users, password history, sign-in
 * flows between factors, TOTP, recovery codes, passkeys, WebAuthn challenges, one-time codes,
 * verification tokens, the message outbox, and session authentication details.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable("users")
		// One failure budget shared by the password and every second factor (PCI DSS 8.3.4, NIST 3.2.2).
		.addColumn("failed_attempts", "integer", (c) => c.notNull().defaultTo(0).check(sql`failed_attempts >= 0`))
		.addColumn("locked_until", "timestamptz")
		// Obligations sign-in walks the user through before anything else.
		.addColumn("required_actions", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
		.addColumn("password_reminder_sent_days", "integer")
		// SMS and email codes are second factors only when the user opted in (and the channel is verified).
		.addColumn("mfa_sms_enabled", "boolean", (c) => c.notNull().defaultTo(false))
		.addColumn("mfa_email_enabled", "boolean", (c) => c.notNull().defaultTo(false))
		.execute();

	await db.schema
		.createTable("password_history")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		.addColumn("user_id", "uuid", (c) => c.notNull())
		.addColumn("password_hash", "text", (c) => c.notNull())
		.addColumn("created_at", "timestamptz", (c) => c.notNull())
		.addForeignKeyConstraint("password_history_user_fk", ["tenant_id", "user_id"], "users", ["tenant_id", "id"], (fk) =>
			fk.onDelete("cascade"),
		)
		.execute();
	await db.schema
		.createIndex("password_history_user")
		.on("password_history")
		.columns(["user_id", "created_at"])
		.execute();

	await db.schema
		.alterTable("sessions")
		// When the user last proved who they are (sign-in or re-authentication): drives step-up.
		.addColumn("authenticated_at", "timestamptz")
		// Authentication methods references (RFC 8176 style): which factors made this session.
		.addColumn("amr", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
		.execute();
	await sql`update sessions set authenticated_at = created_at where authenticated_at is null`.execute(db);
	await sql`alter table sessions alter column authenticated_at set not null`.execute(db);

	// Between the first factor and a session: a short-lived, single-purpose token that grants
	// only the next step of this sign-in (second factor, password change, required actions).
	await db.schema
		.createTable("login_flows")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		.addColumn("user_id", "uuid", (c) => c.notNull())
		.addColumn("token_hash", "text", (c) => c.notNull().unique())
		.addColumn("stage", "text", (c) => c.notNull().check(sql`stage in ('mfa', 'password_change', 'required_actions')`))
		.addColumn("amr", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
		.addColumn("code_failures", "integer", (c) => c.notNull().defaultTo(0))
		.addColumn("created_at", "timestamptz", (c) => c.notNull())
		.addColumn("expires_at", "timestamptz", (c) => c.notNull())
		.addColumn("ip", "text")
		.addColumn("user_agent", "text")
		.addColumn("consumed_at", "timestamptz")
		.addForeignKeyConstraint("login_flows_user_fk", ["tenant_id", "user_id"], "users", ["tenant_id", "id"], (fk) =>
			fk.onDelete("cascade"),
		)
		.execute();
	await db.schema.createIndex("login_flows_user").on("login_flows").column("user_id").execute();

	await db.schema
		.createTable("totp_credentials")
		.addColumn("user_id", "uuid", (c) => c.primaryKey())
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		// AES-256-GCM ciphertext (iv.tag.data, base64url) of the base32 secret; never the secret itself.
		.addColumn("secret_ciphertext", "text", (c) => c.notNull())
		.addColumn("confirmed_at", "timestamptz")
		// Highest time step accepted so far: a code is accepted at most once (RFC 6238 §5.2).
		.addColumn("last_used_step", "bigint")
		.addColumn("created_at", "timestamptz", (c) => c.notNull())
		.addForeignKeyConstraint("totp_credentials_user_fk", ["tenant_id", "user_id"], "users", ["tenant_id", "id"], (fk) =>
			fk.onDelete("cascade"),
		)
		.execute();

	await db.schema
		.createTable("recovery_codes")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		.addColumn("user_id", "uuid", (c) => c.notNull())
		.addColumn("code_hash", "text", (c) => c.notNull())
		.addColumn("created_at", "timestamptz", (c) => c.notNull())
		.addColumn("used_at", "timestamptz")
		.addForeignKeyConstraint("recovery_codes_user_fk", ["tenant_id", "user_id"], "users", ["tenant_id", "id"], (fk) =>
			fk.onDelete("cascade"),
		)
		.execute();
	await db.schema.createIndex("recovery_codes_user").on("recovery_codes").column("user_id").execute();

	await db.schema
		.createTable("passkeys")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		.addColumn("user_id", "uuid", (c) => c.notNull())
		// base64url credential id; unique across all users (WebAuthn §7.1 step 22), ≤ 1023 bytes.
		.addColumn("credential_id", "text", (c) => c.notNull().unique().check(sql`length(credential_id) <= 1364`))
		.addColumn("public_key", "text", (c) => c.notNull())
		.addColumn("counter", "bigint", (c) => c.notNull().defaultTo(0))
		.addColumn("transports", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
		.addColumn("aaguid", "text", (c) => c.notNull())
		.addColumn("name", "text", (c) => c.notNull())
		.addColumn("device_type", "text", (c) => c.notNull().check(sql`device_type in ('singleDevice', 'multiDevice')`))
		.addColumn("backed_up", "boolean", (c) => c.notNull())
		.addColumn("created_at", "timestamptz", (c) => c.notNull())
		.addColumn("last_used_at", "timestamptz")
		.addColumn("use_count", "integer", (c) => c.notNull().defaultTo(0))
		// Set when the signature counter went backwards: a possible cloned authenticator.
		.addColumn("flagged_at", "timestamptz")
		.addForeignKeyConstraint("passkeys_user_fk", ["tenant_id", "user_id"], "users", ["tenant_id", "id"], (fk) =>
			fk.onDelete("cascade"),
		)
		.execute();
	await db.schema.createIndex("passkeys_user").on("passkeys").column("user_id").execute();

	await db.schema
		.createTable("webauthn_challenges")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		.addColumn("challenge", "text", (c) => c.notNull().unique())
		.addColumn("ceremony", "text", (c) =>
			c.notNull().check(sql`ceremony in ('registration', 'authentication', 'reauthentication')`),
		)
		// Who it was issued to: a user (registration, second factor), a login flow, a session, or nobody (passwordless).
		.addColumn("user_id", "uuid")
		.addColumn("login_flow_id", "uuid")
		.addColumn("session_id", "uuid")
		.addColumn("created_at", "timestamptz", (c) => c.notNull())
		.addColumn("expires_at", "timestamptz", (c) => c.notNull())
		.execute();

	// Codes sent by SMS or email: hashed, bound to what asked for them, limited in time and attempts.
	await db.schema
		.createTable("one_time_codes")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		.addColumn("user_id", "uuid", (c) => c.notNull())
		.addColumn("purpose", "text", (c) =>
			c.notNull().check(sql`purpose in ('sign_in', 'verify_email', 'verify_phone', 'reauth')`),
		)
		.addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('sms', 'email')`))
		.addColumn("destination", "text", (c) => c.notNull())
		.addColumn("code_hash", "text", (c) => c.notNull())
		.addColumn("login_flow_id", "uuid")
		.addColumn("session_id", "uuid")
		.addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
		.addColumn("created_at", "timestamptz", (c) => c.notNull())
		.addColumn("expires_at", "timestamptz", (c) => c.notNull())
		.addColumn("consumed_at", "timestamptz")
		.addForeignKeyConstraint("one_time_codes_user_fk", ["tenant_id", "user_id"], "users", ["tenant_id", "id"], (fk) =>
			fk.onDelete("cascade"),
		)
		.execute();
	await db.schema
		.createIndex("one_time_codes_user")
		.on("one_time_codes")
		.columns(["user_id", "purpose", "created_at"])
		.execute();

	// Single-use links: email verification (and later invitations, resets). The token is stored hashed.
	await db.schema
		.createTable("verification_tokens")
		.addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		.addColumn("user_id", "uuid", (c) => c.notNull())
		.addColumn("purpose", "text", (c) => c.notNull())
		.addColumn("token_hash", "text", (c) => c.notNull().unique())
		.addColumn("new_value", "text")
		.addColumn("created_at", "timestamptz", (c) => c.notNull())
		.addColumn("expires_at", "timestamptz", (c) => c.notNull())
		.addColumn("consumed_at", "timestamptz")
		.addForeignKeyConstraint(
			"verification_tokens_user_fk",
			["tenant_id", "user_id"],
			"users",
			["tenant_id", "id"],
			(fk) => fk.onDelete("cascade"),
		)
		.execute();

	// Durable outbox: a message is written in the same transaction as the change that causes it,
	// then a worker claims rows (FOR UPDATE SKIP LOCKED) and delivers them with retries.
	await db.schema
		.createTable("outbox")
		.addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
		.addColumn("tenant_id", "uuid", (c) => c.notNull())
		.addColumn("user_id", "uuid")
		.addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('email', 'sms')`))
		.addColumn("recipient", "text", (c) => c.notNull())
		.addColumn("template", "text", (c) => c.notNull())
		.addColumn("subject", "text")
		.addColumn("body", "text", (c) => c.notNull())
		.addColumn("status", "text", (c) =>
			c.notNull().defaultTo("pending").check(sql`status in ('pending', 'sent', 'failed')`),
		)
		.addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
		.addColumn("next_attempt_at", "timestamptz", (c) => c.notNull())
		.addColumn("last_error", "text")
		.addColumn("created_at", "timestamptz", (c) => c.notNull())
		.addColumn("sent_at", "timestamptz")
		.execute();
	await sql`create index outbox_due on outbox (next_attempt_at) where status = 'pending'`.execute(db);
	await db.schema
		.createIndex("outbox_recipient")
		.on("outbox")
		.columns(["tenant_id", "recipient", "created_at"])
		.execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		"outbox",
		"verification_tokens",
		"one_time_codes",
		"webauthn_challenges",
		"passkeys",
		"recovery_codes",
		"totp_credentials",
		"login_flows",
		"password_history",
	]) {
		await db.schema.dropTable(table).ifExists().execute();
	}
	await db.schema.alterTable("sessions").dropColumn("authenticated_at").dropColumn("amr").execute();
	await db.schema
		.alterTable("users")
		.dropColumn("failed_attempts")
		.dropColumn("locked_until")
		.dropColumn("required_actions")
		.dropColumn("password_reminder_sent_days")
		.dropColumn("mfa_sms_enabled")
		.dropColumn("mfa_email_enabled")
		.execute();
}
