import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "./schema";
import { createTestDatabase, type TestDatabase } from "./testing";

/**
 * Every column of every table in the hand-written `DB` interface. The mapped type makes the
 * compiler reject a missing or extra column here, and the test below compares this list with
 * the migrated database: the interface and the migrations cannot drift apart.
 */
type ColumnsOf = { [T in keyof DB]: { [C in keyof DB[T]]-?: true } };
const COLUMNS: ColumnsOf = {
	tenants: {
		id: true,
		slug: true,
		name: true,
		policy: true,
		created_at: true,
		brand_name: true,
		brand_accent: true,
		brand_logo: true,
		brand_logo_type: true,
		brand_logo_version: true,
	},
	accounts: { id: true, tenant_id: true, parent_account_id: true, name: true, created_at: true },
	spaces: { id: true, tenant_id: true, account_id: true, name: true, created_at: true },
	users: {
		id: true,
		tenant_id: true,
		user_type: true,
		state: true,
		email: true,
		email_verified: true,
		phone: true,
		phone_verified: true,
		first_name: true,
		last_name: true,
		username: true,
		language: true,
		time_zone: true,
		primary_account_id: true,
		planned_purge_at: true,
		two_factor_enabled: true,
		two_factor_type: true,
		version: true,
		created_at: true,
		updated_at: true,
		last_sign_in_at: true,
		state_changed_at: true,
		dormancy_warned_at: true,
		password_changed_at: true,
		search_text: true,
		failed_attempts: true,
		locked_until: true,
		required_actions: true,
		password_reminder_sent_days: true,
		mfa_sms_enabled: true,
		mfa_email_enabled: true,
		sort_name: true,
		sort_email: true,
		sort_last_sign_in: true,
		password_reset_at: true,
	},
	password_credentials: { user_id: true, tenant_id: true, password_hash: true, created_at: true, updated_at: true },
	sessions: {
		id: true,
		tenant_id: true,
		user_id: true,
		token_hash: true,
		created_at: true,
		last_seen_at: true,
		expires_at: true,
		ip: true,
		user_agent: true,
		revoked_at: true,
		authenticated_at: true,
		amr: true,
		idle_minutes: true,
	},
	permissions: { key: true, description: true },
	roles: {
		id: true,
		tenant_id: true,
		key: true,
		name: true,
		description: true,
		context_type: true,
		is_builtin: true,
		created_at: true,
	},
	role_permissions: { role_id: true, permission: true },
	role_assignments: {
		id: true,
		tenant_id: true,
		user_id: true,
		role_id: true,
		context_type: true,
		context_id: true,
		applies_to_sub_accounts: true,
		created_at: true,
		created_by: true,
	},
	audit_events: {
		id: true,
		tenant_id: true,
		occurred_at: true,
		actor_user_id: true,
		target_user_id: true,
		action: true,
		outcome: true,
		ip: true,
		user_agent: true,
		details: true,
	},
	password_history: { id: true, tenant_id: true, user_id: true, password_hash: true, created_at: true },
	login_flows: {
		id: true,
		tenant_id: true,
		user_id: true,
		token_hash: true,
		stage: true,
		amr: true,
		code_failures: true,
		created_at: true,
		expires_at: true,
		ip: true,
		user_agent: true,
		consumed_at: true,
	},
	totp_credentials: {
		user_id: true,
		tenant_id: true,
		secret_ciphertext: true,
		confirmed_at: true,
		last_used_step: true,
		created_at: true,
	},
	recovery_codes: { id: true, tenant_id: true, user_id: true, code_hash: true, created_at: true, used_at: true },
	passkeys: {
		id: true,
		tenant_id: true,
		user_id: true,
		credential_id: true,
		public_key: true,
		counter: true,
		transports: true,
		aaguid: true,
		name: true,
		device_type: true,
		backed_up: true,
		created_at: true,
		last_used_at: true,
		use_count: true,
		flagged_at: true,
	},
	webauthn_challenges: {
		id: true,
		tenant_id: true,
		challenge: true,
		ceremony: true,
		user_id: true,
		login_flow_id: true,
		session_id: true,
		created_at: true,
		expires_at: true,
	},
	one_time_codes: {
		id: true,
		tenant_id: true,
		user_id: true,
		purpose: true,
		channel: true,
		destination: true,
		code_hash: true,
		login_flow_id: true,
		session_id: true,
		attempts: true,
		created_at: true,
		expires_at: true,
		consumed_at: true,
	},
	verification_tokens: {
		id: true,
		tenant_id: true,
		user_id: true,
		purpose: true,
		token_hash: true,
		new_value: true,
		created_at: true,
		expires_at: true,
		consumed_at: true,
	},
	outbox: {
		id: true,
		tenant_id: true,
		user_id: true,
		channel: true,
		recipient: true,
		template: true,
		subject: true,
		body: true,
		status: true,
		attempts: true,
		next_attempt_at: true,
		last_error: true,
		created_at: true,
		sent_at: true,
	},
	invitations: {
		id: true,
		tenant_id: true,
		user_id: true,
		email: true,
		token_hash: true,
		role_id: true,
		context_type: true,
		context_id: true,
		applies_to_sub_accounts: true,
		invited_by: true,
		created_at: true,
		expires_at: true,
		accepted_at: true,
		revoked_at: true,
	},
	api_keys: {
		id: true,
		tenant_id: true,
		user_id: true,
		name: true,
		prefix: true,
		key_hash: true,
		created_by: true,
		created_at: true,
		expires_at: true,
		last_used_at: true,
		revoked_at: true,
	},
	throttles: { key: true, points: true, expires_at: true },
	password_reset_tokens: {
		id: true,
		tenant_id: true,
		user_id: true,
		token_hash: true,
		requested_by: true,
		created_at: true,
		expires_at: true,
		used_at: true,
	},
	dashboard_user_counts: {
		tenant_id: true,
		account_id: true,
		state: true,
		user_type: true,
		two_factor_type: true,
		slot: true,
		users: true,
	},
	dashboard_signups: { tenant_id: true, account_id: true, bucket: true, slot: true, users: true },
	dashboard_role_holders: { tenant_id: true, account_id: true, role_id: true, slot: true, users: true },
	dashboard_passkeys: { tenant_id: true, account_id: true, slot: true, passkeys: true, holders: true },
	dashboard_invitations: { tenant_id: true, account_id: true, expires_bucket: true, slot: true, invitations: true },
	dashboard_role_holdings: { user_id: true, role_id: true, assignments: true },
	dashboard_passkey_holdings: { user_id: true, passkeys: true },
	dashboard_activity: {
		tenant_id: true,
		account_id: true,
		bucket: true,
		slot: true,
		sign_ins: true,
		failures: true,
		lockouts: true,
	},
	dashboard_active_changes: {
		tenant_id: true,
		account_id: true,
		bucket: true,
		user_type: true,
		two_factor_type: true,
		slot: true,
		users: true,
	},
	dashboard_history_since: { tenant_id: true, since: true },
};

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.destroy();
});

describe("schema", () => {
	it("matches the DB interface table for table, column for column", async () => {
		const rows = await sql<{ table_name: string; column_name: string }>`
			select table_name, column_name from information_schema.columns
			where table_schema = 'public' and table_name not like 'kysely_%'
			order by table_name, column_name`.execute(database.db);
		const actual: Record<string, string[]> = {};
		for (const row of rows.rows) actual[row.table_name] = [...(actual[row.table_name] ?? []), row.column_name];
		const expected = Object.fromEntries(
			Object.entries(COLUMNS).map(([table, columns]) => [table, Object.keys(columns).sort()]),
		);
		expect(actual).toEqual(expected);
	});

	it("migrates down and up again cleanly", async () => {
		const { Migrator } = await import("kysely");
		const { migrations } = await import("./migrations/index");
		const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
		const { NO_MIGRATIONS } = await import("kysely");
		const down = await migrator.migrateTo(NO_MIGRATIONS);
		expect(down.error).toBeUndefined();
		const tables = await sql<{
			n: number;
		}>`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'users'`.execute(
			database.db,
		);
		expect(tables.rows[0]?.n).toBe(0);
		const up = await migrator.migrateToLatest();
		expect(up.error).toBeUndefined();
	});
});

describe("constraints", () => {
	async function tenant() {
		return database.db
			.insertInto("tenants")
			.values({ slug: `t-${Math.random().toString(36).slice(2, 10)}`, name: "T" })
			.returning("id")
			.executeTakeFirstOrThrow();
	}

	it("refuses an unknown state, a disagreeing two-factor pair and a deleting user without purge date", async () => {
		const { id } = await tenant();
		const base = { tenant_id: id, email: `a${Math.random()}@x.io` } as const;
		await expect(
			database.db
				.insertInto("users")
				.values({ ...base, state: "banned" as "active" })
				.execute(),
		).rejects.toThrow();
		await expect(
			database.db
				.insertInto("users")
				.values({ ...base, state: "active", two_factor_enabled: true, two_factor_type: null })
				.execute(),
		).rejects.toThrow();
		await expect(
			database.db
				.insertInto("users")
				.values({ ...base, state: "deleting" })
				.execute(),
		).rejects.toThrow();
		await expect(
			database.db
				.insertInto("users")
				.values({ ...base, state: "active", phone: "0612345678" })
				.execute(),
		).rejects.toThrow();
		await expect(
			database.db
				.insertInto("users")
				.values({ ...base, state: "active", email: "Upper@X.io" })
				.execute(),
		).rejects.toThrow();
	});

	it("keeps emails unique per tenant but not across tenants", async () => {
		const a = await tenant();
		const b = await tenant();
		await database.db.insertInto("users").values({ tenant_id: a.id, state: "active", email: "same@x.io" }).execute();
		await expect(
			database.db.insertInto("users").values({ tenant_id: a.id, state: "active", email: "same@x.io" }).execute(),
		).rejects.toThrow();
		await database.db.insertInto("users").values({ tenant_id: b.id, state: "active", email: "same@x.io" }).execute();
	});

	it("refuses links across tenants (a user's primary account in another tenant)", async () => {
		const a = await tenant();
		const b = await tenant();
		const account = await database.db
			.insertInto("accounts")
			.values({ tenant_id: b.id, name: "B's" })
			.returning("id")
			.executeTakeFirstOrThrow();
		await expect(
			database.db
				.insertInto("users")
				.values({ tenant_id: a.id, state: "active", email: "x@a.io", primary_account_id: account.id })
				.execute(),
		).rejects.toThrow();
	});

	it("keeps the audit log append-only", async () => {
		const { id } = await tenant();
		await database.db
			.insertInto("audit_events")
			.values({
				tenant_id: id,
				occurred_at: new Date(),
				action: "test",
				outcome: "success",
				actor_user_id: null,
				target_user_id: null,
				ip: null,
				user_agent: null,
			})
			.execute();
		await expect(
			database.db.updateTable("audit_events").set({ action: "rewritten" }).where("tenant_id", "=", id).execute(),
		).rejects.toThrow(/append-only/);
		await expect(database.db.deleteFrom("audit_events").where("tenant_id", "=", id).execute()).rejects.toThrow(
			/append-only/,
		);
	});
});
