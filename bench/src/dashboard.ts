/**
 * The admin dashboard at a million users, on real PostgreSQL (issue 11, item 4). Seeds N users
 * (default 1,000,000) spread over 20 accounts, with role assignments, passkeys, second factors
 * and open invitations, and sign-ins and failed sign-ins of every twentieth user over the last 30
 * days, then measures `dashboard.get` through the API (tRPC over HTTP, session cookie) for a
 * tenant admin and for an account-scoped admin, next to the core call alone, and what the
 * counter triggers (migrations 0009 and 0011) cost on writes.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm --filter @tessera/bench exec tsx src/dashboard.ts [users]
 *
 * Target: p95 ≤ 50 ms through the API, exact and current. The answer is compared with a full
 * recount of the rows once (printed). BENCH_JSON=<file> writes the figures there. The bench
 * database is dropped at the end unless BENCH_DB names one to keep (and reuse on the next run).
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { getDashboard } from "@tessera/core/dashboard/dashboard.service";
import { hashPassword } from "@tessera/core/passwords/password-hash";
import type { SessionActor } from "@tessera/core/shared/actor";
import { systemClock } from "@tessera/core/shared/clock";
import { createTenant } from "@tessera/core/tenants/tenant.service";
import { insertBulkUsers } from "@tessera/db/bulk";
import { connect } from "@tessera/db/client";
import { migrateToLatest } from "@tessera/db/migrate";
import type { DB } from "@tessera/db/schema";
import { type Kysely, sql } from "kysely";
import { openBenchDatabase, signInBench, startBenchApi } from "./bench-api";
import { loadAverage as load, percentile } from "./figures";

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
	console.error("Set DATABASE_URL to a PostgreSQL server (this benchmark is about real PostgreSQL at scale).");
	process.exit(1);
}
const count = Number.parseInt(process.argv[2] ?? "1000000", 10);
const SAMPLES = Number.parseInt(process.env.BENCH_SAMPLES ?? "100", 10);
const WRITES = Number.parseInt(process.env.BENCH_WRITES ?? "2000", 10);
const ACCOUNTS = 20;

const bench = await openBenchDatabase(adminUrl, "dash");
const { database, long, url, name } = bench;

const round = (value: number) => Math.round(value * 100) / 100;
const figures = (values: number[]) => ({
	p50: round(percentile(values, 0.5)),
	p95: round(percentile(values, 0.95)),
	p99: round(percentile(values, 0.99)),
});
type Figures = ReturnType<typeof figures>;

const report: {
	users: number;
	samples: number;
	startedAt: string;
	loadAtStart: string;
	seedSeconds?: number;
	reads: { label: string; api: Figures; core: Figures; load: string }[];
	exact: Record<string, boolean>;
	writes: { label: string; perSecond: number; load: string }[];
	loadAtEnd?: string;
} = {
	users: count,
	samples: SAMPLES,
	startedAt: new Date().toISOString(),
	loadAtStart: load(),
	reads: [],
	exact: {},
	writes: [],
};

const TRIGGERS = [
	"dashboard_users_insert on users",
	"dashboard_users_update on users",
	"dashboard_users_delete on users",
	"dashboard_user_deleting on users",
	"dashboard_history_users_insert on users",
	"dashboard_history_users_update on users",
	"dashboard_history_users_delete on users",
];

try {
	await migrateToLatest(long.db);
	const passwordA = randomBytes(18).toString("base64url");
	const passwordB = randomBytes(18).toString("base64url");
	const seeded = await sql<{ id: string }>`select id from tenants where slug = 'bench'`.execute(database.db);
	let tenantId = seeded.rows[0]?.id;
	if (tenantId && bench.kept) {
		console.log(`reusing ${name}`);
	} else {
		const started = performance.now();
		tenantId = await seed();
		report.seedSeconds = Math.round((performance.now() - started) / 1000);
		console.log(`seeded in ${report.seedSeconds} s (load ${load()})`);
	}
	const tenant = tenantId;
	const tenantAdmin = await benchUser(tenant, "bench-admin@example.com", passwordA);
	const accountAdmin = await benchUser(tenant, "bench-account-admin@example.com", passwordB);
	const users = await sql<{ n: number }>`select count(*)::int as n from users where tenant_id = ${tenant}`.execute(
		database.db,
	);
	console.log(`${users.rows[0]?.n.toLocaleString("en")} users in the tenant; load ${load()}`);

	const { app, baseUrl } = await startBenchApi(database);

	for (const [label, email, password, userId] of [
		["tenant admin (Asia/Kathmandu)", "bench-admin@example.com", passwordA, tenantAdmin],
		["account admin (1 account + sub-accounts)", "bench-account-admin@example.com", passwordB, accountAdmin],
	] as const) {
		const { client, actor } = await signInBench(database, baseUrl, { tenantId: tenant, userId, email, password });
		// Warm up: connections, plans, caches.
		for (let i = 0; i < 10; i++) await client.dashboard.get.query();
		const api: number[] = [];
		for (let i = 0; i < SAMPLES; i++) {
			const started = performance.now();
			await client.dashboard.get.query();
			api.push(performance.now() - started);
		}
		const core: number[] = [];
		for (let i = 0; i < SAMPLES; i++) {
			const started = performance.now();
			await getDashboard({ db: database.db, clock: systemClock }, actor);
			core.push(performance.now() - started);
		}
		const row = { label, api: figures(api), core: figures(core), load: load() };
		report.reads.push(row);
		console.log(
			`dashboard.get, ${label}: API p50 ${row.api.p50} / p95 ${row.api.p95} / p99 ${row.api.p99} ms; ` +
				`core alone p50 ${row.core.p50} / p95 ${row.core.p95} / p99 ${row.core.p99} ms (load ${row.load})`,
		);
		const answer = await client.dashboard.get.query();
		const recount = await fullRecount(database.db, tenant, actor);
		const same =
			answer.users.total === recount.total &&
			JSON.stringify(answer.users.byState) === JSON.stringify(recount.byState) &&
			answer.mfa.enabled === recount.mfaEnabled &&
			answer.recentSignups.last7Days === recount.week &&
			answer.recentSignups.last30Days === recount.month &&
			answer.passkeys.total === recount.passkeys &&
			answer.passkeys.usersWithPasskeys === recount.passkeyUsers &&
			answer.pendingInvitations === recount.invitations &&
			answer.recentSignups.perDay.reduce((sum, day) => sum + day.count, 0) === recount.perDaySum &&
			JSON.stringify(answer.activity.last30Days) === JSON.stringify(recount.activity) &&
			answer.mfa.perDay.at(-1)?.enabled === recount.mfaEnabled &&
			answer.roles.every((role) => (recount.roles.get(role.roleKey) ?? 0) === role.users);
		report.exact[label] = same;
		console.log(
			`  equals a full recount: ${same ? "yes" : "NO"} (total ${answer.users.total}, pending invitations ${answer.pendingInvitations}, zone ${answer.recentSignups.timeZone}, ${answer.recentSignups.perDay.length} days)`,
		);
	}
	await app.close();

	await measureWrites();
	report.loadAtEnd = load();
	if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(report, null, 2)}\n`);
} finally {
	await bench.close();
}

async function seed(): Promise<string> {
	const tenant = await createTenant({ db: database.db }, { slug: "bench", name: "Bench" });
	// 20 accounts: ten top-level, each with one sub-account.
	const tops = await long.db
		.insertInto("accounts")
		.values(Array.from({ length: ACCOUNTS / 2 }, (_, i) => ({ tenant_id: tenant.id, name: `Account ${i}` })))
		.returning("id")
		.execute();
	for (const [i, top] of tops.entries()) {
		await long.db
			.insertInto("accounts")
			.values({ tenant_id: tenant.id, name: `Account ${i}.1`, parent_account_id: top.id })
			.execute();
	}
	let started = performance.now();
	await insertBulkUsers(long.db, tenant.id, count, {
		onProgress: (done) => process.stdout.write(`\r  inserted ${done.toLocaleString("en")} users`),
	});
	const insertSeconds = (performance.now() - started) / 1000;
	console.log(`\n  bulk insert (counters kept by triggers): ${insertSeconds.toFixed(0)} s (load ${load()})`);
	report.writes.push({
		label: "bulk insert, users/s, with counters",
		perSecond: Math.round(count / insertSeconds),
		load: load(),
	});
	// Accounts and second factors, in batches of 100,000 (each one statement, one trigger run).
	started = performance.now();
	const ids = await sql<{ id: string }>`select id from accounts where tenant_id = ${tenant.id} order by id`.execute(
		long.db,
	);
	const accountIds = ids.rows.map((row) => row.id);
	for (let part = 0; part < 10; part++) {
		await sql`
			update users set primary_account_id = (${sql.val(accountIds)}::uuid[])[1 + abs(hashtext(id::text)::bigint) % ${ACCOUNTS}],
				two_factor_enabled = abs(hashtext(email)::bigint) % 5 = 0,
				two_factor_type = case when abs(hashtext(email)::bigint) % 5 = 0
					then (array['totp','sms','email','passkey'])[1 + abs(hashtext(id::text)::bigint) % 4] end
			where tenant_id = ${tenant.id} and abs(hashtext(id::text)::bigint) % 10 = ${part}`.execute(long.db);
		process.stdout.write(`\r  accounts and MFA set on ${(part + 1) * 10}% of users`);
	}
	console.log(`\n  bulk update (counters kept by triggers): ${((performance.now() - started) / 1000).toFixed(0)} s`);
	// Roles for one user in ten, passkeys for one in twenty, an open invitation for one in a hundred.
	const roles = await sql<{ id: string }>`
		select id from roles where tenant_id = ${tenant.id} and key in ('member', 'user_manager', 'security_auditor')`.execute(
		long.db,
	);
	await sql`
		insert into role_assignments (tenant_id, user_id, role_id, context_type, context_id)
		select u.tenant_id, u.id, (${sql.val(roles.rows.map((r) => r.id))}::uuid[])[1 + abs(hashtext(u.email)::bigint) % ${roles.rows.length}],
			'tenant', u.tenant_id
		from users u where u.tenant_id = ${tenant.id} and abs(hashtext(u.id::text || 'r')::bigint) % 10 = 0`.execute(
		long.db,
	);
	await sql`
		insert into passkeys (tenant_id, user_id, credential_id, public_key, aaguid, name, device_type, backed_up, created_at)
		select u.tenant_id, u.id, 'bench-' || u.id || '-' || k, 'pk', '00000000-0000-0000-0000-000000000000', 'Key ' || k,
			'multiDevice', true, now()
		from users u cross join generate_series(1, 2) as k
		where u.tenant_id = ${tenant.id} and abs(hashtext(u.id::text || 'p')::bigint) % 20 = 0 and (k = 1 or abs(hashtext(u.email)::bigint) % 2 = 0)`.execute(
		long.db,
	);
	await sql`
		insert into invitations (tenant_id, user_id, email, token_hash, created_at, expires_at)
		select u.tenant_id, u.id, u.email, 'bench-' || u.id, now(), now() + ((abs(hashtext(u.id::text)::bigint) % 20160) || ' minutes')::interval - interval '3 days'
		from users u where u.tenant_id = ${tenant.id} and u.state = 'create' and abs(hashtext(u.id::text || 'i')::bigint) % 10 = 0`.execute(
		long.db,
	);
	// Sign-ins of one user in twenty, spread over the last 30 days, one in ten failed, in ten
	// statements (one trigger run each).
	for (let part = 0; part < 10; part++) {
		await sql`
			insert into audit_events (tenant_id, occurred_at, actor_user_id, target_user_id, action, outcome)
			select u.tenant_id, now() - (abs(hashtext(u.id::text || 'a')::bigint) % 43200) * interval '1 minute', u.id, u.id,
				'auth.sign_in', case when abs(hashtext(u.id::text || 'o')::bigint) % 10 = 0 then 'failure' else 'success' end
			from users u where u.tenant_id = ${tenant.id} and abs(hashtext(u.id::text || 's')::bigint) % 200 = ${part}`.execute(
			long.db,
		);
		process.stdout.write(`\r  sign-ins written for ${(part + 1) * 10}% of them`);
	}
	console.log("");
	// Like a database autovacuum has caught up with.
	await sql`vacuum (analyze)`.execute(long.db);
	return tenant.id;
}

/** The bench's admin users, created once: a tenant admin in +05:45, an admin of one account and its sub-accounts. */
async function benchUser(tenantId: string, email: string, password: string): Promise<string> {
	const existing = await database.db
		.selectFrom("users")
		.select("id")
		.where("tenant_id", "=", tenantId)
		.where("email", "=", email)
		.executeTakeFirst();
	const hash = await hashPassword(password);
	if (existing) {
		await database.db
			.updateTable("password_credentials")
			.set({ password_hash: hash })
			.where("user_id", "=", existing.id)
			.execute();
		return existing.id;
	}
	const tenantWide = email === "bench-admin@example.com";
	const user = await database.db
		.insertInto("users")
		.values({
			tenant_id: tenantId,
			state: "active",
			email,
			email_verified: true,
			first_name: "Bench",
			last_name: "Admin",
			time_zone: tenantWide ? "Asia/Kathmandu" : "America/St_Johns",
			password_changed_at: new Date(),
		})
		.returning("id")
		.executeTakeFirstOrThrow();
	await database.db
		.insertInto("password_credentials")
		.values({ user_id: user.id, tenant_id: tenantId, password_hash: hash })
		.execute();
	const role = await database.db
		.selectFrom("roles")
		.select("id")
		.where("tenant_id", "=", tenantId)
		.where("key", "=", tenantWide ? "tenant_admin" : "account_admin")
		.executeTakeFirstOrThrow();
	const account = await database.db
		.selectFrom("accounts")
		.select("id")
		.where("tenant_id", "=", tenantId)
		.where("parent_account_id", "is", null)
		.orderBy("id")
		.executeTakeFirstOrThrow();
	await database.db
		.insertInto("role_assignments")
		.values({
			tenant_id: tenantId,
			user_id: user.id,
			role_id: role.id,
			context_type: tenantWide ? "tenant" : "account",
			context_id: tenantWide ? tenantId : account.id,
			applies_to_sub_accounts: !tenantWide,
		})
		.execute();
	return user.id;
}

/** The dashboard's figures counted from the rows (one scan), to check the counters against. */
async function fullRecount(db: Kysely<DB>, tenantId: string, actor: SessionActor) {
	const grants = actor.grants.filter((g) => g.permission === "dashboard.read");
	const tenantWide = grants.some((g) => g.contextType === "tenant");
	const direct = grants.filter((g) => g.contextType === "account").map((g) => g.contextId);
	const subs = await sql<{ id: string }>`
		select id from accounts where tenant_id = ${tenantId} and parent_account_id in (${sql.join(direct.length ? direct : ["00000000-0000-0000-0000-000000000000"])})`.execute(
		db,
	);
	const accounts = [...direct, ...subs.rows.map((r) => r.id)];
	const scope = tenantWide
		? sql`u.tenant_id = ${tenantId}`
		: sql`u.tenant_id = ${tenantId} and u.primary_account_id in (${sql.join(accounts)})`;
	const zone = (
		await sql<{ z: string }>`select coalesce(time_zone, 'UTC') as z from users where id = ${actor.userId}`.execute(db)
	).rows[0]?.z;
	const counts = (
		await sql<{
			total: number;
			create: number;
			active: number;
			inactive: number;
			deleting: number;
			deleted: number;
			mfa: number;
			week: number;
			month: number;
			per_day: number;
		}>`
		select count(*)::int as total,
			count(*) filter (where state = 'create')::int as create, count(*) filter (where state = 'active')::int as active,
			count(*) filter (where state = 'inactive')::int as inactive, count(*) filter (where state = 'deleting')::int as deleting,
			count(*) filter (where state = 'deleted')::int as deleted,
			count(*) filter (where state = 'active' and user_type = 'human' and two_factor_enabled)::int as mfa,
			count(*) filter (where created_at >= (date_trunc('day', now() at time zone ${zone}) - interval '6 days') at time zone ${zone})::int as week,
			count(*) filter (where created_at >= (date_trunc('day', now() at time zone ${zone}) - interval '29 days') at time zone ${zone})::int as month,
			count(*) filter (where created_at >= (date_trunc('day', now() at time zone ${zone}) - interval '29 days') at time zone ${zone})::int as per_day
		from users u where ${scope}`.execute(db)
	).rows[0];
	if (!counts) throw new Error("no recount");
	const passkeys = (
		await sql<{ total: number; users: number }>`
		select count(*)::int as total, count(distinct p.user_id)::int as users from passkeys p join users u on u.id = p.user_id where ${scope}`.execute(
			db,
		)
	).rows[0];
	const invitations = (
		await sql<{ n: number }>`
		select count(*)::int as n from invitations i join users u on u.id = i.user_id
		where ${scope} and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()`.execute(db)
	).rows[0];
	const activity = (
		await sql<{ signIns: number; failures: number; lockouts: number }>`
		select count(*) filter (where e.action = 'auth.sign_in' and e.outcome = 'success')::int as "signIns",
			count(*) filter (where e.action = 'auth.sign_in' and e.outcome = 'failure')::int as failures,
			count(*) filter (where e.action = 'auth.locked')::int as lockouts
		from audit_events e left join users u on u.id = e.target_user_id
		where e.tenant_id = ${tenantId} and e.action in ('auth.sign_in', 'auth.locked')
			and ${tenantWide ? sql`true` : sql`u.primary_account_id in (${sql.join(accounts)})`}
			and e.occurred_at >= (date_trunc('day', now() at time zone ${zone}) - interval '29 days') at time zone ${zone}`.execute(
			db,
		)
	).rows[0];
	const roles = await sql<{ key: string; n: number }>`
		select r.key, count(distinct ra.user_id)::int as n from roles r
		left join role_assignments ra on ra.role_id = r.id and ra.user_id in (select u.id from users u where ${scope} and u.state <> 'deleted')
		where r.tenant_id = ${tenantId} group by r.key`.execute(db);
	return {
		total: counts.total,
		byState: {
			create: counts.create,
			active: counts.active,
			inactive: counts.inactive,
			deleting: counts.deleting,
			deleted: counts.deleted,
		},
		mfaEnabled: counts.mfa,
		week: counts.week,
		month: counts.month,
		perDaySum: counts.per_day,
		passkeys: passkeys?.total ?? 0,
		passkeyUsers: passkeys?.users ?? 0,
		invitations: invitations?.n ?? 0,
		activity: { signIns: activity?.signIns ?? 0, failures: activity?.failures ?? 0, lockouts: activity?.lockouts ?? 0 },
		roles: new Map(roles.rows.map((r) => [r.key, r.n])),
	};
}

/**
 * Sign-ups with and without the counter triggers: one user per statement (autocommit), in one
 * tenant, one at a time and from 8 connections at once (hot counter rows), plus a bulk insert.
 * Runs in a scratch tenant that is deleted afterwards (its counters go with it).
 */
async function measureWrites() {
	const pool = await connect({ databaseUrl: url.toString(), maxConnections: 8 });
	try {
		for (const withCounters of [true, false, true]) {
			const label = withCounters ? "with counters" : "without counters";
			const action = withCounters ? "enable" : "disable";
			for (const trigger of TRIGGERS) {
				const [triggerName, table] = trigger.split(" on ");
				await sql.raw(`alter table ${table} ${action} trigger ${triggerName}`).execute(long.db);
			}
			const scratch = await createTenant(
				{ db: pool.db },
				{ slug: `writes-${randomBytes(3).toString("hex")}`, name: "Writes" },
			);
			const insertOne = (db: Kysely<DB>, i: number, tag: string) =>
				db
					.insertInto("users")
					.values({ tenant_id: scratch.id, state: "create", email: `w${i}.${tag}@writes.example.com` })
					.execute();
			let started = performance.now();
			for (let i = 0; i < WRITES; i++) await insertOne(pool.db, i, "serial");
			const serial = WRITES / ((performance.now() - started) / 1000);
			started = performance.now();
			let next = 0;
			await Promise.all(
				Array.from({ length: 8 }, async () => {
					for (let i = next++; i < WRITES * 2; i = next++) await insertOne(pool.db, i, "parallel");
				}),
			);
			const parallel = (WRITES * 2) / ((performance.now() - started) / 1000);
			// A sign-in's write: a column no counter reads (the update trigger finds nothing to count).
			const written = await pool.db.selectFrom("users").select("id").where("tenant_id", "=", scratch.id).execute();
			started = performance.now();
			for (const user of written.slice(0, WRITES)) {
				await pool.db.updateTable("users").set({ last_sign_in_at: new Date() }).where("id", "=", user.id).execute();
			}
			const touched = Math.min(WRITES, written.length) / ((performance.now() - started) / 1000);
			// A change the counters follow: another account.
			const account = await pool.db
				.insertInto("accounts")
				.values({ tenant_id: scratch.id, name: "Moved" })
				.returning("id")
				.executeTakeFirstOrThrow();
			started = performance.now();
			for (const user of written.slice(0, WRITES)) {
				await pool.db.updateTable("users").set({ primary_account_id: account.id }).where("id", "=", user.id).execute();
			}
			const moved = Math.min(WRITES, written.length) / ((performance.now() - started) / 1000);
			started = performance.now();
			await insertBulkUsers(long.db, scratch.id, 100_000);
			const bulk = 100_000 / ((performance.now() - started) / 1000);
			for (const [what, perSecond] of [
				["single inserts/s, 1 connection", serial],
				["single inserts/s, 8 connections, one tenant", parallel],
				["single updates/s of last_sign_in_at, 1 connection", touched],
				["single account moves/s, 1 connection", moved],
				["bulk insert users/s (100,000)", bulk],
			] as const) {
				const row = { label: `${what}, ${label}`, perSecond: Math.round(perSecond), load: load() };
				report.writes.push(row);
				console.log(`${row.label}: ${row.perSecond.toLocaleString("en")} (load ${row.load})`);
			}
			await sql`delete from tenants where id = ${scratch.id}`.execute(long.db);
		}
	} finally {
		for (const trigger of TRIGGERS) {
			const [triggerName, table] = trigger.split(" on ");
			await sql.raw(`alter table ${table} enable trigger ${triggerName}`).execute(long.db);
		}
		await pool.close();
	}
}
