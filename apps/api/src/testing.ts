/**
 * Test harness: a real server on a loopback port over a fresh database, with a TestClock.
 * Used by integration tests (tRPC client over HTTP) and browser tests. Not used in production.
 */
import { randomBytes } from "node:crypto";
import { hashPassword } from "@tessera/core/passwords/password-hash";
import { TestClock } from "@tessera/core/shared/clock";
import { SecretBox } from "@tessera/core/shared/secret-box";
import { createTenant } from "@tessera/core/tenants/tenant.service";
import type { ContextType, DB, UserState } from "@tessera/db/schema";
import { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from "@tessera/db/testing";
import type { Kysely } from "kysely";
import { createClient } from "./client";
import { loadConfig } from "./config";
import { createServer } from "./server";

export interface SeedUserInput {
	tenantSlug?: string;
	email?: string;
	password?: string;
	firstName?: string | null;
	lastName?: string | null;
	timeZone?: string | null;
	language?: string | null;
	state?: UserState;
	primaryAccountId?: string | null;
	roles?: { key: string; contextType?: ContextType; contextId?: string; appliesToSubAccounts?: boolean }[];
}

export interface SeededUser {
	id: string;
	tenantId: string;
	tenantSlug: string;
	email: string;
	password: string;
}

export interface TestServer {
	url: string;
	db: Kysely<DB>;
	clock: TestClock;
	secrets: SecretBox;
	/** The latest message queued for `recipient` (email or phone), from the outbox: what a mailbox would show. */
	lastMessage(recipient: string): Promise<{ subject: string | null; body: string; template: string } | undefined>;
	/** The 6-digit code in the latest message to `recipient`. */
	lastCode(recipient: string): Promise<string>;
	createTenant(slug: string): Promise<string>;
	seedUser(input?: SeedUserInput): Promise<SeededUser>;
	/** A typed client with its own cookie jar (or the one given), like one browser. */
	client(cookies?: CookieJar): TestClient;
	close(): Promise<void>;
}

export type TestClient = ReturnType<typeof createClient>;
/** Cookie name → value, as a browser would keep them for this origin. */
export type CookieJar = Map<string, string>;

let sharedHash: { password: string; hash: Promise<string> } | undefined;

/** The database behind each running test server, so another server can be started on it. */
const databaseOf = new WeakMap<Kysely<DB>, TestDatabase>();

export async function startTestServer(
	options: {
		portalDir?: string;
		rateLimits?: { perMinute: number; perHour: number };
		/** Where the test database lives and how it is pooled (fault tests use a private server). */
		database?: TestDatabaseOptions;
		/** Environment on top of the test defaults, read by the same `loadConfig` as production. */
		env?: NodeJS.ProcessEnv;
		/** The interface to listen on; loopback unless a test needs to be reached over the network. */
		listenOn?: string;
		/**
		 * Run on this server's database and clock instead of a fresh one, as a second API process
		 * would; closing the new server leaves them to their owner.
		 */
		sharedWith?: TestServer;
	} = {},
): Promise<TestServer> {
	const owned = options.sharedWith ? undefined : await createTestDatabase(options.database);
	const database = owned ?? (options.sharedWith && databaseOf.get(options.sharedWith.db));
	if (!database) throw new Error("sharedWith names a server that is not running");
	if (owned) databaseOf.set(owned.db, owned);
	const clock = options.sharedWith?.clock ?? new TestClock(new Date());
	const config = {
		...loadConfig({
			NODE_ENV: "test",
			PORT: "0",
			TESSERA_SEED_DEMO: "never",
			TESSERA_DEV_MAILBOX: "on",
			...options.env,
		}),
		defaultTenant: "acme",
	};
	const secrets = new SecretBox(randomBytes(32));
	const app = await createServer({
		db: database.db,
		clock,
		secrets,
		config,
		portalDir: options.portalDir ?? null,
		logger: false,
		ping: database.ping,
		// Tests sign in hundreds of times from 127.0.0.1; throttling has its own test with the real limits.
		rateLimits: options.rateLimits ?? { perMinute: 100_000, perHour: 100_000 },
	});
	await app.listen({ port: 0, host: options.listenOn ?? "127.0.0.1" });
	const address = app.server.address();
	if (!address || typeof address === "string") throw new Error("server has no port");
	const url = `http://127.0.0.1:${address.port}`;
	// The port is known only now; browsers send it as Origin, which the CSRF guard checks.
	config.allowedOrigins.push(url);
	// WebAuthn ceremonies from the browser tests happen on this origin; RP ID is the host.
	config.webauthn.origins.push(url);
	config.webauthn.rpId = "127.0.0.1";
	const tenants = new Map<string, string>();
	const lastMessage = (recipient: string) =>
		database.db
			.selectFrom("outbox")
			.select(["subject", "body", "template"])
			.where("recipient", "=", recipient)
			.orderBy("id", "desc")
			.limit(1)
			.executeTakeFirst();

	const ensureTenant = async (slug: string) => {
		const existing =
			tenants.get(slug) ??
			(await database.db.selectFrom("tenants").select("id").where("slug", "=", slug).executeTakeFirst())?.id;
		if (existing) return existing;
		const { id } = await createTenant({ db: database.db }, { slug, name: `${slug} Inc.` });
		tenants.set(slug, id);
		return id;
	};
	await ensureTenant("acme");

	return {
		url,
		db: database.db,
		clock,
		secrets,
		createTenant: ensureTenant,
		lastMessage,
		async lastCode(recipient) {
			const message = await lastMessage(recipient);
			const code = message?.body.match(/\b(\d{6})\b/)?.[1];
			if (!code) throw new Error(`no code in the latest message to ${recipient}`);
			return code;
		},
		async seedUser(input = {}) {
			const tenantSlug = input.tenantSlug ?? "acme";
			const tenantId = await ensureTenant(tenantSlug);
			const email = input.email ?? `user-${randomBytes(5).toString("hex")}@example.com`;
			// Hashing costs ~50 ms; tests that do not care share one password and its hash.
			let password = input.password;
			let passwordHash: string;
			if (password === undefined) {
				sharedHash ??= { password: `Shared-${randomBytes(12).toString("base64url")}`, hash: Promise.resolve("") };
				if ((await sharedHash.hash) === "") sharedHash.hash = hashPassword(sharedHash.password);
				password = sharedHash.password;
				passwordHash = await sharedHash.hash;
			} else {
				passwordHash = await hashPassword(password);
			}
			const user = await database.db
				.insertInto("users")
				.values({
					tenant_id: tenantId,
					state: input.state ?? "active",
					email: email.toLowerCase(),
					email_verified: true,
					first_name: input.firstName === undefined ? "Test" : input.firstName,
					last_name: input.lastName === undefined ? "User" : input.lastName,
					language: input.language ?? null,
					time_zone: input.timeZone ?? null,
					primary_account_id: input.primaryAccountId ?? null,
					planned_purge_at: input.state === "deleting" || input.state === "deleted" ? clock.now() : null,
					// Fixture times follow the test clock, not the database's, so moved time stays consistent.
					created_at: clock.now(),
					updated_at: clock.now(),
					password_changed_at: clock.now(),
				})
				.returning("id")
				.executeTakeFirstOrThrow();
			await database.db
				.insertInto("password_credentials")
				.values({
					user_id: user.id,
					tenant_id: tenantId,
					password_hash: passwordHash,
					created_at: clock.now(),
					updated_at: clock.now(),
				})
				.execute();
			for (const role of input.roles ?? []) {
				const roleRow = await database.db
					.selectFrom("roles")
					.select("id")
					.where("tenant_id", "=", tenantId)
					.where("key", "=", role.key)
					.executeTakeFirstOrThrow();
				await database.db
					.insertInto("role_assignments")
					.values({
						tenant_id: tenantId,
						user_id: user.id,
						role_id: roleRow.id,
						context_type: role.contextType ?? "tenant",
						context_id: role.contextId ?? tenantId,
						applies_to_sub_accounts: role.appliesToSubAccounts ?? false,
					})
					.execute();
			}
			return { id: user.id, tenantId, tenantSlug, email: email.toLowerCase(), password };
		},
		client(cookies = new Map<string, string>()) {
			const fetchWithCookies: typeof fetch = async (input, init) => {
				const headers = new Headers(init?.headers);
				if (cookies.size > 0) headers.set("cookie", cookieHeaderOf(cookies));
				const response = await fetch(input, { ...init, headers });
				storeCookies(cookies, response);
				return response;
			};
			return createClient({ url: `${url}/trpc`, fetch: fetchWithCookies });
		},
		async close() {
			await app.close();
			await owned?.destroy();
		},
	};
}

/** The `Cookie` header a browser would send from this jar. */
export function cookieHeaderOf(jar: CookieJar): string {
	return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** Keeps the jar as a browser would: Set-Cookie adds, an expired or empty value removes. */
export function storeCookies(jar: CookieJar, response: Response): void {
	for (const line of response.headers.getSetCookie()) {
		const [pair = "", ...attributes] = line.split(";");
		const eq = pair.indexOf("=");
		const name = pair.slice(0, eq).trim();
		const value = pair.slice(eq + 1).trim();
		const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === "";
		if (expired) jar.delete(name);
		else jar.set(name, value);
	}
}
