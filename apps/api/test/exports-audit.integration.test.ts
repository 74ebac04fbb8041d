import { insertBulkUsers } from "@tessera/db/bulk";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CookieJar, cookieHeaderOf, startTestServer, type TestServer } from "../src/testing";
import { apiKeyClient, expectError, failure, signedIn, TENANT_ADMIN } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const download = (path: string, jar: CookieJar, filter?: unknown) =>
	fetch(
		`${server.url}${path}${filter === undefined ? "" : `?filter=${encodeURIComponent(superjson.stringify(filter))}`}`,
		{ headers: { cookie: cookieHeaderOf(jar) } },
	);

describe("CSV export of the user list", () => {
	it("streams every matching user (beyond one page) with formula injection neutralised", async () => {
		const tenantId = await server.createTenant("exportco");
		await insertBulkUsers(server.db, tenantId, 2_345, { batchSize: 2_345 });
		const evil = await server.seedUser({
			tenantSlug: "exportco",
			firstName: '=HYPERLINK("http://evil")',
			lastName: "Doe, Jr.",
		});
		const { jar } = await signedIn(server, { tenantSlug: "exportco", roles: [{ key: "tenant_admin" }] });
		const response = await download("/export/users.csv", jar, { sort: "email" });
		expect(response.status).toBe(200);
		expect(response.headers.get("content-type")).toContain("text/csv");
		expect(response.headers.get("content-disposition")).toContain("users.csv");
		const lines = (await response.text()).trim().split("\n");
		expect(lines[0]).toBe(
			"id,email,first_name,last_name,username,state,user_type,two_factor_enabled,two_factor_type,roles,created_at,last_sign_in_at",
		);
		expect(lines).toHaveLength(1 + 2_345 + 2);
		const evilLine = lines.find((line) => line.startsWith(evil.id)) ?? "";
		expect(evilLine).toContain(`"'=HYPERLINK(""http://evil"")"`);
		expect(evilLine).toContain('"Doe, Jr."');
	});

	it("applies the filter, and refuses the unauthenticated, the unpermitted and a malformed filter", async () => {
		const { jar } = await signedIn(server, { roles: [{ key: "tenant_admin" }] });
		const target = await server.seedUser({ firstName: "Findable", lastName: "Exportee" });
		const filtered = await (await download("/export/users.csv", jar, { search: "exportee" })).text();
		expect(filtered.trim().split("\n")).toHaveLength(2);
		expect(filtered).toContain(target.id);
		expect((await download("/export/users.csv", new Map())).status).toBe(401);
		const member = await signedIn(server, { roles: [{ key: "member" }] });
		expect((await download("/export/users.csv", member.jar)).status).toBe(403);
		expect(
			(await fetch(`${server.url}/export/users.csv?filter=%7Bnot-json`, { headers: { cookie: cookieHeaderOf(jar) } }))
				.status,
		).toBe(400);
		expect((await download("/export/users.csv", jar, { sort: "email; drop table users" })).status).toBe(400);
		// The root input check covers downloads too: refused in front of the database, naming why.
		for (const filter of [{ search: "a\u0000b" }, { createdFrom: new Date(-8.64e15) }]) {
			const refused = await download("/export/users.csv", jar, filter);
			expect(refused.status).toBe(400);
			const body = (await refused.json()) as { issues: string[] };
			expect(body.issues[0]).toMatch(/cannot be stored|supported date range/);
		}
	});
});

describe("audit log", () => {
	it("searches by action prefix, target and outcome, newest first, paged", async () => {
		const { client } = await signedIn(server, { roles: [{ key: "security_auditor" }] });
		const target = await server.seedUser();
		for (let i = 0; i < 3; i++)
			await failure(
				server.client().auth.signIn.mutate({ tenant: "acme", email: target.email, password: `wrong-${i}-password` }),
			);
		await server.client().auth.signIn.mutate({ tenant: "acme", email: target.email, password: target.password });
		const failures = await client.audit.list.query({ targetUserId: target.id, action: "auth.", outcome: "failure" });
		expect(failures.items).toHaveLength(3);
		expect(failures.items.every((e) => e.targetEmail === target.email && e.ip === "127.0.0.1")).toBe(true);
		const first = await client.audit.list.query({ targetUserId: target.id, limit: 2 });
		expect(first.items).toHaveLength(2);
		const second = await client.audit.list.query({ targetUserId: target.id, limit: 2, cursor: first.nextCursor ?? "" });
		expect(second.items[0]?.id).toBeLessThan(first.items[1]?.id ?? 0);
		expect(first.items[0]?.action).toBe("auth.sign_in");
		expect(first.items[0]?.outcome).toBe("success");
	});

	it("is tenant-wide audit.read only, never shows another tenant's events, and exports as CSV", async () => {
		await server.createTenant("othertenant");
		const outsider = await server.seedUser({ tenantSlug: "othertenant" });
		await server
			.client()
			.auth.signIn.mutate({ tenant: "othertenant", email: outsider.email, password: outsider.password });
		const { client, jar } = await signedIn(server, { roles: [{ key: "security_auditor" }] });
		const all = await client.audit.list.query({ limit: 100 });
		expect(all.items.some((e) => e.targetUserId === outsider.id)).toBe(false);
		const csv = await (await download("/export/audit.csv", jar, { action: "auth." })).text();
		expect(csv.split("\n")[0]).toContain("occurred_at,action,outcome");
		expect(csv).not.toContain(outsider.id);
		const manager = await signedIn(server, { roles: [{ key: "user_manager" }] });
		await expectError(manager.client.audit.list.query({}), "FORBIDDEN");
		expect((await download("/export/audit.csv", manager.jar)).status).toBe(403);
		await expectError(client.audit.list.query({ cursor: "-1" }), "BAD_REQUEST");
	});
});

describe("the authentication gate the exports share with every procedure", () => {
	const usersOf = (jar: CookieJar) => download("/export/users.csv", jar);

	it("refuses a session with pending required actions exactly as a procedure does, until they are done", async () => {
		const { user, client, jar } = await signedIn(server, TENANT_ADMIN);
		await server.db
			.updateTable("users")
			.set({ required_actions: ["verify_email"] })
			.where("id", "=", user.id)
			.execute();
		const procedure = await expectError(client.users.list.query({}), "FORBIDDEN", "AUTH.REQUIRED_ACTIONS_PENDING");
		const refused = await usersOf(jar);
		expect(refused.status).toBe(403);
		expect(await refused.json()).toEqual({ error: procedure.message, domainCode: "AUTH.REQUIRED_ACTIONS_PENDING" });
		// The session itself is live: what procedures allow with pending actions still answers.
		expect((await client.me.get.query()).requiredActions).toEqual(["verify_email"]);
		await server.db.updateTable("users").set({ required_actions: [] }).where("id", "=", user.id).execute();
		expect((await usersOf(jar)).status).toBe(200);
		await client.users.list.query({});
	});

	it("refuses a revoked session as UNAUTHORIZED on both", async () => {
		const { user, client, jar } = await signedIn(server, TENANT_ADMIN);
		await server.db
			.updateTable("sessions")
			.set({ revoked_at: server.clock.now() })
			.where("user_id", "=", user.id)
			.execute();
		const procedure = await expectError(client.users.list.query({}), "UNAUTHORIZED", "AUTH.UNAUTHENTICATED");
		const refused = await usersOf(jar);
		expect(refused.status).toBe(401);
		expect(await refused.json()).toEqual({ error: procedure.message, domainCode: "AUTH.UNAUTHENTICATED" });
	});

	it("takes no API key: downloads are for browsers, an internal app pages through users.list", async () => {
		const { client: admin } = await signedIn(server, TENANT_ADMIN);
		const app = await admin.apiKeys.createApplicationUser.mutate({ name: "Export bot", roleKeys: ["user_manager"] });
		const { key } = await admin.apiKeys.issue.mutate({ userId: app.id, name: "export" });
		await apiKeyClient(server, key).users.list.query({});
		const response = await fetch(`${server.url}/export/users.csv`, { headers: { authorization: `Bearer ${key}` } });
		expect(response.status).toBe(401);
	});
});
