/**
 * Authenticating with an API key (`Authorization: Bearer tsk_…`) through the typed client over
 * HTTP: what a key may do, when it stops working, and what it can never do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../src/client";
import { appRouter } from "../src/router";
import { startTestServer, type TestServer } from "../src/testing";
import { apiKeyClient, expectError, signedIn, TENANT_ADMIN } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

/** A fresh acme tenant admin session (tests move the clock past idle timeouts). */
const adminClient = async () => (await signedIn(server, TENANT_ADMIN)).client;

/** An application user with `roleKeys`, and a live key for it, made by an acme tenant admin. */
async function appWithKey(roleKeys: string[] = ["user_manager"], options: { expiresAt?: Date } = {}) {
	const admin = await adminClient();
	const app = await admin.apiKeys.createApplicationUser.mutate({ name: "Internal app", roleKeys });
	const { key, apiKey } = await admin.apiKeys.issue.mutate({ userId: app.id, name: "test", ...options });
	return { app, key, apiKey, admin, client: apiKeyClient(server, key) };
}

const auditCount = async () =>
	Number(
		(
			await server.db
				.selectFrom("audit_events")
				.select((eb) => eb.fn.countAll().as("n"))
				.executeTakeFirstOrThrow()
		).n,
	);

const lastUsedAt = async (keyId: string) =>
	(await server.db.selectFrom("api_keys").select("last_used_at").where("id", "=", keyId).executeTakeFirstOrThrow())
		.last_used_at;

describe("a valid key", () => {
	it("acts as its application user: users.list works when it holds user_manager", async () => {
		const person = await server.seedUser({ email: "listed-person@example.com" });
		const { app, client } = await appWithKey(["user_manager"]);
		const page = await client.users.list.query({ search: "listed-person" });
		expect(page.items.map((item) => item.id)).toEqual([person.id]);
		const me = await client.me.get.query();
		expect(me).toMatchObject({ id: app.id, userType: "application", email: null, firstName: "Internal app" });
		expect(me.permissions).toContain("users.read");
	});

	it("has exactly its roles, read per request: without users.read it is FORBIDDEN, at once after a change", async () => {
		const { app, client } = await appWithKey([]);
		await expectError(client.users.list.query({}), "FORBIDDEN", "AUTHZ.FORBIDDEN");
		const role = await server.db
			.selectFrom("roles")
			.select("id")
			.where("key", "=", "security_auditor")
			.where("tenant_id", "=", await server.createTenant("acme"))
			.executeTakeFirstOrThrow();
		await server.db
			.insertInto("role_assignments")
			.values({
				tenant_id: await server.createTenant("acme"),
				user_id: app.id,
				role_id: role.id,
				context_type: "tenant",
				context_id: await server.createTenant("acme"),
			})
			.execute();
		await client.users.list.query({});
		await server.db.deleteFrom("role_assignments").where("user_id", "=", app.id).execute();
		await expectError(client.users.list.query({}), "FORBIDDEN");
	});

	it("never sees another tenant's users", async () => {
		await server.createTenant("globex");
		const foreign = await server.seedUser({ tenantSlug: "globex", email: "foreign@globex.example" });
		const { client } = await appWithKey(["user_manager"]);
		const page = await client.users.list.query({ search: "foreign@globex" });
		expect(page.items).toEqual([]);
		expect(page.total.count).toBe(0);
		const all = await client.users.list.query({ limit: 100 });
		expect(all.items.map((item) => item.id)).not.toContain(foreign.id);
		await expectError(client.users.get.query({ userId: foreign.id }), "NOT_FOUND");
		// And a key of the other tenant sees its own tenant only.
		const { client: globexAdmin } = await signedIn(server, { tenantSlug: "globex", roles: [{ key: "tenant_admin" }] });
		const globexApp = await globexAdmin.apiKeys.createApplicationUser.mutate({
			name: "Globex app",
			roleKeys: ["user_manager"],
		});
		const { key } = await globexAdmin.apiKeys.issue.mutate({ userId: globexApp.id, name: "k" });
		const globexPage = await apiKeyClient(server, key).users.list.query({ limit: 100 });
		const tenants = await server.db
			.selectFrom("users")
			.select("tenant_id")
			.distinct()
			.where(
				"id",
				"in",
				globexPage.items.map((item) => item.id),
			)
			.execute();
		expect(tenants).toEqual([{ tenant_id: await server.createTenant("globex") }]);
	});

	it("records last use at most once a minute", async () => {
		const { apiKey, client } = await appWithKey();
		expect(await lastUsedAt(apiKey.id)).toBeNull();
		const first = server.clock.now();
		await client.me.get.query();
		expect(await lastUsedAt(apiKey.id)).toEqual(first);
		server.clock.advance(30_000);
		await client.me.get.query();
		expect(await lastUsedAt(apiKey.id)).toEqual(first);
		server.clock.advance(30_000);
		await client.me.get.query();
		expect(await lastUsedAt(apiKey.id)).toEqual(server.clock.now());
		const listed = await (await adminClient()).apiKeys.list.query({ userId: apiKey.userId });
		expect(listed[0]?.lastUsedAt).toEqual(server.clock.now());
	});
});

describe("a key that must not work", () => {
	it("revoked: UNAUTHORIZED from the next call on", async () => {
		const { apiKey, admin, client } = await appWithKey();
		await client.users.list.query({});
		await admin.apiKeys.revoke.mutate({ keyId: apiKey.id });
		await expectError(client.users.list.query({}), "UNAUTHORIZED", "APIKEY.INVALID");
	});

	it("expired: UNAUTHORIZED once the clock passes its expiry", async () => {
		const expiresAt = new Date(server.clock.now().getTime() + 60 * 60_000);
		const { apiKey, client } = await appWithKey(["user_manager"], { expiresAt });
		await client.users.list.query({});
		server.clock.set(new Date(expiresAt.getTime() - 1));
		await client.users.list.query({});
		server.clock.set(expiresAt);
		await expectError(client.users.list.query({}), "UNAUTHORIZED", "APIKEY.INVALID");
		const listed = await (await adminClient()).apiKeys.list.query({ userId: apiKey.userId });
		expect(listed[0]?.status).toBe("expired");
	});

	it("of an inactive application user: UNAUTHORIZED until reactivated", async () => {
		const { app, admin, client } = await appWithKey();
		await client.users.list.query({});
		const inactive = await admin.users.changeState.mutate({ userId: app.id, version: app.version, to: "inactive" });
		await expectError(client.users.list.query({}), "UNAUTHORIZED", "APIKEY.INVALID");
		await expectError(client.me.get.query(), "UNAUTHORIZED", "APIKEY.INVALID");
		await admin.users.changeState.mutate({ userId: app.id, version: inactive.version, to: "active" });
		await client.users.list.query({});
	});

	it("malformed or forged: UNAUTHORIZED with one code, and not audited", async () => {
		const { key } = await appWithKey();
		const prefix = key.slice(0, 13);
		// One character of the secret changed (looking at that character: a key that already had an
		// "A" there once in 64 runs made this the real key).
		const wrongSecret = `${prefix}${key[13] === "A" ? "B" : "A"}${key.slice(14)}`;
		expect(wrongSecret).not.toBe(key);
		const forgedSecret = `${prefix}${"x".repeat(43)}`;
		const before = await auditCount();
		for (const candidate of ["tsk_xxx", wrongSecret, forgedSecret, `${key}x`, key.toUpperCase(), ""]) {
			await expectError(apiKeyClient(server, candidate).users.list.query({}), "UNAUTHORIZED", "APIKEY.INVALID");
		}
		for (const header of ["Basic dXNlcjpwYXNz", `Token ${key}`, "Bearer", `Bearer ${key} extra`]) {
			const client = createClient({ url: `${server.url}/trpc`, headers: () => ({ authorization: header }) });
			await expectError(client.users.list.query({}), "UNAUTHORIZED", "APIKEY.INVALID");
		}
		expect(await auditCount()).toBe(before);
		// The real key still works: failures lock nothing out.
		await apiKeyClient(server, key).users.list.query({});
	});

	it("is never read beside a session cookie: the cookie decides", async () => {
		const { key } = await appWithKey(["tenant_admin"]);
		const member = await signedIn(server, { roles: [{ key: "member" }] });
		const cookies = new Map<string, string>();
		const browser = server.client(cookies);
		await browser.auth.signIn.mutate({ tenant: "acme", email: member.user.email, password: member.user.password });
		const both = createClient({
			url: `${server.url}/trpc`,
			apiKey: key,
			headers: () => ({ cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") }),
		});
		// The member's session, not the key's tenant_admin role.
		await expectError(both.users.list.query({}), "FORBIDDEN", "AUTHZ.FORBIDDEN");
		const stale = createClient({
			url: `${server.url}/trpc`,
			apiKey: key,
			headers: () => ({ cookie: "tessera_session=stale; __Host-tessera_session=stale" }),
		});
		await expectError(stale.users.list.query({}), "UNAUTHORIZED", "AUTH.UNAUTHENTICATED");
	});
});

describe("what a key can never do", () => {
	// tRPC keeps every procedure under its full path in `_def.procedures` (typed as the nested record).
	const typeOf = (procedure: unknown) =>
		(procedure as { _def?: { type?: unknown } } | undefined)?._def?.type === "query" ? "query" : "mutation";
	const peopleOnly = Object.entries<unknown>(appRouter._def.procedures)
		.filter(([path]) => path.startsWith("security.") || path === "me.updateProfile" || path === "auth.signOut")
		.map(([path, procedure]) => [path, typeOf(procedure)] as const);

	it("covers the self-service procedures", () => {
		expect(peopleOnly.map(([path]) => path)).toEqual(
			expect.arrayContaining(["me.updateProfile", "auth.signOut", "security.overview", "security.changePassword"]),
		);
	});

	it.each(peopleOnly)("%s (%s) is FORBIDDEN to a key caller, before its input is even read", async (path, type) => {
		const { key } = await appWithKey(["tenant_admin"]);
		const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
		const response =
			type === "query"
				? await fetch(`${server.url}/trpc/${path}`, { headers })
				: await fetch(`${server.url}/trpc/${path}`, { method: "POST", headers, body: JSON.stringify({ json: {} }) });
		expect(response.status).toBe(403);
		const body = (await response.json()) as { error: { json: { data: { code: string; domainCode: string } } } };
		expect(body.error.json.data).toMatchObject({ code: "FORBIDDEN", domainCode: "APIKEY.PEOPLE_ONLY" });
	});

	it("changes nothing through me.updateProfile, and reads itself through me.get", async () => {
		const { app, client } = await appWithKey();
		await expectError(
			client.me.updateProfile.mutate({ version: app.version, firstName: "Renamed" }),
			"FORBIDDEN",
			"APIKEY.PEOPLE_ONLY",
		);
		await expectError(client.security.sessions.list.query(), "FORBIDDEN", "APIKEY.PEOPLE_ONLY");
		await expectError(client.auth.signOut.mutate(), "FORBIDDEN", "APIKEY.PEOPLE_ONLY");
		const me = await client.me.get.query();
		expect(me).toMatchObject({ firstName: "Internal app", version: app.version });
	});

	it("sign in interactively: an application user has no password, even with an email on record", async () => {
		const { app } = await appWithKey();
		const credential = await server.db
			.selectFrom("password_credentials")
			.select("user_id")
			.where("user_id", "=", app.id)
			.executeTakeFirst();
		expect(credential).toBeUndefined();
		// Even if an email were put on the row by other means, there is no password to match.
		await server.db.updateTable("users").set({ email: "robot@example.com" }).where("id", "=", app.id).execute();
		const browser = server.client();
		for (const password of ["", "password", "tsk_", "Robot-password-1234"]) {
			await expectError(
				browser.auth.signIn.mutate({ tenant: "acme", email: "robot@example.com", password: password || "x" }),
				"UNAUTHORIZED",
				"AUTH.INVALID_CREDENTIALS",
			);
		}
		const sessions = await server.db.selectFrom("sessions").select("id").where("user_id", "=", app.id).execute();
		expect(sessions).toEqual([]);
	});
});
