/**
 * The admin user list at a million users, on real PostgreSQL. Seeds N users (default 1,000,000)
 * into a fresh database, then measures search, filter and sort pages through the API (tRPC over
 * HTTP, session cookie) next to the same queries run directly, and prints EXPLAIN plans.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm --filter @tessera/bench exec tsx src/users-list.ts [users]
 *
 * Target (issue 4): p95 under 50 ms through the API, within 1.5x of the SQL alone. Prints figures
 * and, for every case, the plan PostgreSQL chose for the list query and its count query
 * (EXPLAIN ANALYZE of the exact SQL the service ran). Asserts nothing.
 *
 * The bench database is dropped at the end, unless BENCH_DB names one to keep: it is created and
 * seeded on the first run and reused as it is afterwards (seeding a million users takes minutes;
 * measuring again should not).
 */
import { randomBytes } from "node:crypto";
import { createClient } from "@tessera/api/client";
import { loadConfig } from "@tessera/api/config";
import { createServer } from "@tessera/api/server";
import { hashPassword } from "@tessera/core/passwords/password-hash";
import { findGrantsOfUser } from "@tessera/core/roles/role.repository";
import type { SessionActor } from "@tessera/core/shared/actor";
import { systemClock } from "@tessera/core/shared/clock";
import { SecretBox } from "@tessera/core/shared/secret-box";
import { createTenant } from "@tessera/core/tenants/tenant.service";
import type { TListUsersInput } from "@tessera/core/users/user-list.schema";
import { listUsers } from "@tessera/core/users/user-list.service";
import { insertBulkUsers } from "@tessera/db/bulk";
import { connect } from "@tessera/db/client";
import { migrateToLatest } from "@tessera/db/migrate";
import { CompiledQuery, type RootOperationNode, sql } from "kysely";

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
	console.error("Set DATABASE_URL to a PostgreSQL server (this benchmark is about real PostgreSQL at scale).");
	process.exit(1);
}
const count = Number.parseInt(process.argv[2] ?? "1000000", 10);
const SAMPLES = Number.parseInt(process.env.BENCH_SAMPLES ?? "60", 10);
const keptName = process.env.BENCH_DB;
if (keptName !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(keptName)) {
	console.error("BENCH_DB must be a plain lower-case database name");
	process.exit(1);
}
const name = keptName ?? `tessera_bench_list_${randomBytes(4).toString("hex")}`;

const admin = await connect({ databaseUrl: adminUrl, maxConnections: 1 });
const exists = await sql<{ found: number }>`select 1 as found from pg_database where datname = ${name}`.execute(
	admin.db,
);
if (exists.rows.length === 0) await sql`create database ${sql.raw(name)}`.execute(admin.db);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const database = await connect({ databaseUrl: url.toString(), maxConnections: 10 });

const percentile = (values: number[], q: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

try {
	const seeded = await sql<{ tenant_id: string; user_id: string }>`
		select t.id as tenant_id, u.id as user_id
		from tenants t join users u on u.tenant_id = t.id and u.email = 'bench-admin@example.com'
		where t.slug = 'bench'`
		.execute(database.db)
		.catch(() => ({ rows: [] }));
	const reuse = keptName !== undefined ? seeded.rows[0] : undefined;
	const password = randomBytes(18).toString("base64url");
	let tenant: { id: string };
	let adminUser: { id: string };
	if (reuse) {
		tenant = { id: reuse.tenant_id };
		adminUser = { id: reuse.user_id };
		await database.db
			.updateTable("password_credentials")
			.set({ password_hash: await hashPassword(password) })
			.where("user_id", "=", adminUser.id)
			.execute();
		const users = await sql<{ n: number }>`select count(*)::int as n from users where tenant_id = ${tenant.id}`.execute(
			database.db,
		);
		console.log(`reusing ${name}: ${users.rows[0]?.n.toLocaleString("en")} users`);
	} else {
		({ tenant, adminUser } = await seed(password));
	}
	// A kept database may predate the newest migrations.
	await migrateToLatest(database.db);

	const config = {
		...loadConfig({ NODE_ENV: "production", PORT: "0", LOG_LEVEL: "silent", TESSERA_SEED_DEMO: "never" }),
		defaultTenant: "bench",
	};
	const app = await createServer({
		db: database.db,
		ping: database.ping,
		clock: systemClock,
		secrets: new SecretBox(randomBytes(32)),
		config,
		logger: false,
		rateLimits: { perMinute: 1_000_000, perHour: 1_000_000 },
	});
	// The server's own time per request (first byte in to last byte out), apart from the client's.
	let serverMs = 0;
	app.addHook("onResponse", async (_request, reply) => {
		serverMs = reply.elapsedTime;
	});
	await app.listen({ port: 0, host: "127.0.0.1" });
	const address = app.server.address();
	if (!address || typeof address === "string") throw new Error("no port");
	let cookie = "";
	const client = createClient({
		url: `http://127.0.0.1:${address.port}/trpc`,
		headers: (): Record<string, string> => (cookie ? { cookie } : {}),
		fetch: async (input, init) => {
			const response = await fetch(input, init);
			const set = response.headers.getSetCookie().find((c) => c.startsWith("__Host-tessera_session="));
			if (set) cookie = set.split(";")[0] ?? "";
			return response;
		},
	});
	await client.auth.signIn.mutate({ tenant: "bench", email: "bench-admin@example.com", password });
	const session = await database.db
		.selectFrom("sessions")
		.select(["id", "authenticated_at"])
		.where("user_id", "=", adminUser.id)
		.executeTakeFirstOrThrow();
	const actor: SessionActor = {
		kind: "session",
		sessionId: session.id,
		tenantId: tenant.id,
		userId: adminUser.id,
		authenticatedAt: session.authenticated_at,
		requiredActions: [],
		grants: await findGrantsOfUser(database.db, tenant.id, adminUser.id),
	};

	const base: TListUsersInput = { sort: "name", direction: "asc", limit: 25 };
	const cases: [string, TListUsersInput][] = [
		["first page, sort by name", base],
		["sort by email desc", { ...base, sort: "email", direction: "desc" }],
		["sort by created", { ...base, sort: "created" }],
		["sort by last sign-in desc", { ...base, sort: "lastSignIn", direction: "desc" }],
		["filter state=inactive", { ...base, states: ["inactive"] }],
		["filter MFA off + human", { ...base, mfaEnabled: false, userTypes: ["human"] }],
		["search 'anna' (substring)", { ...base, search: "anna" }],
		["search 'user4242' (rare)", { ...base, search: "user4242" }],
		["search + filter + sort", { ...base, search: "müller", states: ["active"], sort: "created", direction: "desc" }],
	];

	// The fixed cost of any call (HTTP, tRPC, session lookup, and the client in this same process),
	// to read the table against: me.get adds one indexed profile query to it.
	const floorClient: number[] = [];
	const floorServer: number[] = [];
	for (let i = 0; i < SAMPLES; i++) {
		const t = performance.now();
		await client.me.get.query();
		floorClient.push(performance.now() - t);
		floorServer.push(serverMs);
	}
	const ms = (values: number[], q: number) => `${percentile(values, q).toFixed(1)} ms`;
	console.log(
		`\nme.get for scale: server p50 ${ms(floorServer, 0.5)}, p95 ${ms(floorServer, 0.95)}; ` +
			`round trip through the typed client p50 ${ms(floorClient, 0.5)}, p95 ${ms(floorClient, 0.95)}`,
	);
	console.log(
		"\nserver = the API's time for the request; client = the typed client's round trip (this process);" +
			"\nSQL = the same service call straight on the database; ratio = server p95 / SQL p95\n",
	);
	const column = (text: string) => text.padStart(9);
	console.log(
		`${"query".padEnd(30)} ${column("server50")} ${column("server95")} ${column("client50")} ${column("client95")} ${column("SQL p50")} ${column("SQL p95")} ${"ratio".padStart(6)}  total`,
	);
	for (const [label, input] of cases) {
		const page1 = await client.users.list.query(input);
		const withCursor = page1.nextCursor ? { ...input, cursor: page1.nextCursor } : input;
		const clientTimes: number[] = [];
		const serverTimes: number[] = [];
		const sqlTimes: number[] = [];
		for (let i = 0; i < SAMPLES; i++) {
			const pageInput = i % 2 === 0 ? input : withCursor;
			let t = performance.now();
			await client.users.list.query(pageInput);
			clientTimes.push(performance.now() - t);
			serverTimes.push(serverMs);
			t = performance.now();
			// A fresh actor per call, as each request has: grants are read once per request.
			await listUsers({ db: database.db }, { ...actor }, pageInput);
			sqlTimes.push(performance.now() - t);
		}
		const cell = (values: number[], q: number) => `${percentile(values, q).toFixed(1)}ms`.padStart(9);
		const ratio = percentile(serverTimes, 0.95) / percentile(sqlTimes, 0.95);
		console.log(
			`${label.padEnd(30)} ${cell(serverTimes, 0.5)} ${cell(serverTimes, 0.95)} ${cell(clientTimes, 0.5)} ${cell(clientTimes, 0.95)} ${cell(sqlTimes, 0.5)} ${cell(sqlTimes, 0.95)} ${ratio.toFixed(2).padStart(6)}  ${page1.total.capped ? `${page1.total.count}+` : page1.total.count}`,
		);
	}

	console.log("\nEXPLAIN ANALYZE of the queries the service runs for each case (first page):");
	for (const [label, input] of cases) {
		const captured: RootOperationNode[] = [];
		const capturing = database.db.withPlugin({
			transformQuery: ({ node }) => {
				captured.push(node);
				return node;
			},
			transformResult: async ({ result }) => result,
		});
		await listUsers({ db: capturing }, actor, input);
		console.log(`-- ${label}`);
		for (const node of captured) {
			const compiled = database.db.getExecutor().compileQuery(node, { queryId: label });
			const plan = await database.db.executeQuery<{ "QUERY PLAN": string }>(
				CompiledQuery.raw(`explain (analyze, costs off, timing off, summary on) ${compiled.sql}`, [
					...compiled.parameters,
				]),
			);
			for (const row of plan.rows) console.log(`   ${row["QUERY PLAN"]}`);
		}
	}
	await app.close();
} finally {
	await database.close();
	if (keptName === undefined) await sql`drop database if exists ${sql.raw(name)} with (force)`.execute(admin.db);
	await admin.close();
}

/** Creates the bench tenant with `count` users and a tenant admin who signs in with `password`. */
async function seed(password: string) {
	await migrateToLatest(database.db);
	const tenant = await createTenant({ db: database.db }, { slug: "bench", name: "Bench" });
	const started = performance.now();
	await insertBulkUsers(database.db, tenant.id, count, {
		onProgress: (done) =>
			process.stdout.write(`\rseeding ${done.toLocaleString("en")} / ${count.toLocaleString("en")}`),
	});
	console.log(`\nseeded ${count.toLocaleString("en")} users in ${((performance.now() - started) / 1000).toFixed(0)} s`);

	const adminUser = await database.db
		.insertInto("users")
		.values({
			tenant_id: tenant.id,
			state: "active",
			email: "bench-admin@example.com",
			email_verified: true,
			first_name: "Bench",
			last_name: "Admin",
			password_changed_at: new Date(),
		})
		.returning("id")
		.executeTakeFirstOrThrow();
	await database.db
		.insertInto("password_credentials")
		.values({ user_id: adminUser.id, tenant_id: tenant.id, password_hash: await hashPassword(password) })
		.execute();
	const role = await database.db
		.selectFrom("roles")
		.select("id")
		.where("tenant_id", "=", tenant.id)
		.where("key", "=", "tenant_admin")
		.executeTakeFirstOrThrow();
	await database.db
		.insertInto("role_assignments")
		.values({
			tenant_id: tenant.id,
			user_id: adminUser.id,
			role_id: role.id,
			context_type: "tenant",
			context_id: tenant.id,
		})
		.execute();
	// Like a database autovacuum has caught up with: statistics, and a visibility map for index-only counts.
	await sql`vacuum (analyze) users`.execute(database.db);

	return { tenant, adminUser };
}
