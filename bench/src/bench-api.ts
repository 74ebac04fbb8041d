/**
 * The real API for the benches that seed their own database (users-list.ts, dashboard.ts): the
 * production configuration over that database, on a free loopback port, with the credential
 * throttle out of the way of the load, and a typed client signed in through it.
 */
import { randomBytes } from "node:crypto";
import { createClient } from "@tessera/api/client";
import { loadConfig } from "@tessera/api/config";
import { createServer } from "@tessera/api/server";
import { findGrantsOfUser } from "@tessera/core/roles/role.repository";
import type { SessionActor } from "@tessera/core/shared/actor";
import { systemClock } from "@tessera/core/shared/clock";
import { SecretBox } from "@tessera/core/shared/secret-box";
import { connect, type Database } from "@tessera/db/client";
import { sql } from "kysely";

type Api = Awaited<ReturnType<typeof createServer>>;

/** Starts the API over `database`; `beforeListen` may add hooks, which Fastify takes only until then. */
export async function startBenchApi(database: Database, beforeListen?: (app: Api) => void) {
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
	beforeListen?.(app);
	await app.listen({ port: 0, host: "127.0.0.1" });
	const address = app.server.address();
	if (!address || typeof address === "string") throw new Error("no port");
	return { app, baseUrl: `http://127.0.0.1:${address.port}` };
}

/**
 * Signs `email` in to the "bench" tenant through the API: a client that keeps the session
 * cookie, the cookie itself (for autocannon), and the actor a direct service call would get.
 */
export async function signInBench(
	database: Database,
	baseUrl: string,
	user: { tenantId: string; userId: string; email: string; password: string },
) {
	let cookie = "";
	const client = createClient({
		url: `${baseUrl}/trpc`,
		headers: (): Record<string, string> => (cookie ? { cookie } : {}),
		fetch: async (input, init) => {
			const response = await fetch(input, init);
			const set = response.headers.getSetCookie().find((c) => c.startsWith("__Host-tessera_session="));
			if (set) cookie = set.split(";")[0] ?? "";
			return response;
		},
	});
	await client.auth.signIn.mutate({ tenant: "bench", email: user.email, password: user.password });
	const session = await database.db
		.selectFrom("sessions")
		.select(["id", "authenticated_at"])
		.where("user_id", "=", user.userId)
		.orderBy("created_at", "desc")
		.executeTakeFirstOrThrow();
	const actor: SessionActor = {
		kind: "session",
		sessionId: session.id,
		tenantId: user.tenantId,
		userId: user.userId,
		authenticatedAt: session.authenticated_at,
		requiredActions: [],
		grants: await findGrantsOfUser(database.db, user.tenantId, user.userId),
	};
	return { client, cookie, actor };
}

/**
 * The bench's own database on the PostgreSQL server `adminUrl` names: `BENCH_DB` keeps one under
 * that name (created and seeded on the first run, reused after), else a fresh
 * `tessera_bench_<prefix>_<random>` that `close()` drops. `database` has the request limits;
 * `long` has none, for seeding, index builds and VACUUM, which take longer than any request may.
 */
export async function openBenchDatabase(adminUrl: string, prefix: string) {
	const keptName = process.env.BENCH_DB;
	if (keptName !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(keptName)) {
		console.error("BENCH_DB must be a plain lower-case database name");
		process.exit(1);
	}
	const name = keptName ?? `tessera_bench_${prefix}_${randomBytes(4).toString("hex")}`;
	const admin = await connect({ databaseUrl: adminUrl, maxConnections: 1 });
	const exists = await sql<{ found: number }>`select 1 as found from pg_database where datname = ${name}`.execute(
		admin.db,
	);
	if (exists.rows.length === 0) await sql`create database ${sql.raw(name)}`.execute(admin.db);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const database = await connect({ databaseUrl: url.toString(), maxConnections: 10 });
	const long = await connect({
		databaseUrl: url.toString(),
		maxConnections: 1,
		timeouts: { statementMs: 0, lockMs: 0 },
	});
	const kept = keptName !== undefined;
	return {
		name,
		kept,
		url: url.toString(),
		database,
		long,
		async close() {
			await long.close();
			await database.close();
			if (!kept) await sql`drop database if exists ${sql.raw(name)} with (force)`.execute(admin.db);
			await admin.close();
		},
	};
}
