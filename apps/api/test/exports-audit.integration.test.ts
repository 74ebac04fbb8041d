import { insertBulkUsers } from "@tessera/db/bulk";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CookieJar, startTestServer, type TestServer } from "../src/testing";
import { expectError, failure } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

async function signedIn(roles: { key: string }[], tenantSlug = "acme") {
	const user = await server.seedUser({ tenantSlug, roles });
	const jar: CookieJar = new Map();
	const client = server.client(jar);
	await client.auth.signIn.mutate({ tenant: tenantSlug, email: user.email, password: user.password });
	const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
	return { user, client, cookie };
}

const download = (path: string, cookie: string, filter?: unknown) =>
	fetch(
		`${server.url}${path}${filter === undefined ? "" : `?filter=${encodeURIComponent(superjson.stringify(filter))}`}`,
		{ headers: { cookie } },
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
		const { cookie } = await signedIn([{ key: "tenant_admin" }], "exportco");
		const response = await download("/export/users.csv", cookie, { sort: "email" });
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
		const { cookie } = await signedIn([{ key: "tenant_admin" }]);
		const target = await server.seedUser({ firstName: "Findable", lastName: "Exportee" });
		const filtered = await (await download("/export/users.csv", cookie, { search: "exportee" })).text();
		expect(filtered.trim().split("\n")).toHaveLength(2);
		expect(filtered).toContain(target.id);
		expect((await download("/export/users.csv", "")).status).toBe(401);
		const member = await signedIn([{ key: "member" }]);
		expect((await download("/export/users.csv", member.cookie)).status).toBe(403);
		expect((await fetch(`${server.url}/export/users.csv?filter=%7Bnot-json`, { headers: { cookie } })).status).toBe(
			400,
		);
		expect((await download("/export/users.csv", cookie, { sort: "email; drop table users" })).status).toBe(400);
		// The root input check covers downloads too: refused in front of the database, naming why.
		for (const filter of [{ search: "a\u0000b" }, { createdFrom: new Date(-8.64e15) }]) {
			const refused = await download("/export/users.csv", cookie, filter);
			expect(refused.status).toBe(400);
			const body = (await refused.json()) as { issues: string[] };
			expect(body.issues[0]).toMatch(/cannot be stored|supported date range/);
		}
	});
});

describe("audit log", () => {
	it("searches by action prefix, target and outcome, newest first, paged", async () => {
		const { client } = await signedIn([{ key: "security_auditor" }]);
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
		const { client, cookie } = await signedIn([{ key: "security_auditor" }]);
		const all = await client.audit.list.query({ limit: 100 });
		expect(all.items.some((e) => e.targetUserId === outsider.id)).toBe(false);
		const csv = await (await download("/export/audit.csv", cookie, { action: "auth." })).text();
		expect(csv.split("\n")[0]).toContain("occurred_at,action,outcome");
		expect(csv).not.toContain(outsider.id);
		const manager = await signedIn([{ key: "user_manager" }]);
		await expectError(manager.client.audit.list.query({}), "FORBIDDEN");
		expect((await download("/export/audit.csv", manager.cookie)).status).toBe(403);
		await expectError(client.audit.list.query({ cursor: "-1" }), "BAD_REQUEST");
	});
});
