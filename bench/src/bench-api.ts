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
import type { Database } from "@tessera/db/client";

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
