/**
 * Many callers at once. The session and key lookups of requests that arrive together are sent to
 * the database as one statement (packages/db json-row.ts): these tests fire crowds of requests
 * from people and applications of two tenants at the same moment and check that every answer is
 * its own caller's, and that an ended session or a revoked key is refused inside a crowd of live
 * ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import { type ApiError, apiKeyClient, expectError, signedIn, TENANT_ADMIN } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
	await server.createTenant("beta");
});
afterAll(async () => {
	await server?.close();
});

/** An application user of the admin's tenant with `roleKeys`, and a key of it. */
async function appKey(admin: Awaited<ReturnType<typeof signedIn>>["client"], name: string, roleKeys: string[]) {
	const app = await admin.apiKeys.createApplicationUser.mutate({ name, roleKeys });
	const { key, apiKey } = await admin.apiKeys.issue.mutate({ userId: app.id, name: "crowd" });
	return { app, keyId: apiKey.id, client: apiKeyClient(server, key) };
}

/** `rounds` rounds of every call in `calls`, all started before any is awaited. */
function crowd<T>(rounds: number, calls: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
	return Promise.allSettled(Array.from({ length: rounds }, () => calls.map((call) => call())).flat());
}

describe("a crowd of callers", () => {
	it("gets each caller their own profile, tenant and permissions, people and keys of two tenants mixed", async () => {
		const alphaAdmin = await signedIn(server, { ...TENANT_ADMIN, email: "crowd-admin@example.com" });
		const alphaPerson = await signedIn(server, { email: "crowd-person@example.com" });
		const betaAdmin = await signedIn(server, { ...TENANT_ADMIN, tenantSlug: "beta", email: "crowd-admin@example.com" });
		const alphaApp = await appKey(alphaAdmin.client, "Alpha crowd app", ["user_manager"]);
		const betaApp = await appKey(betaAdmin.client, "Beta crowd app", []);
		const callers = [
			{ client: alphaAdmin.client, id: alphaAdmin.user.id, tenantId: alphaAdmin.user.tenantId, admin: true },
			{ client: alphaPerson.client, id: alphaPerson.user.id, tenantId: alphaPerson.user.tenantId, admin: false },
			{ client: betaAdmin.client, id: betaAdmin.user.id, tenantId: betaAdmin.user.tenantId, admin: true },
			{ client: alphaApp.client, id: alphaApp.app.id, tenantId: alphaAdmin.user.tenantId, admin: false },
			{ client: betaApp.client, id: betaApp.app.id, tenantId: betaAdmin.user.tenantId, admin: false },
		];
		expect(alphaAdmin.user.tenantId).not.toBe(betaAdmin.user.tenantId);

		const results = await crowd(
			12,
			callers.map((caller) => async () => ({ caller, me: await caller.client.me.get.query() })),
		);
		expect(results).toHaveLength(60);
		for (const result of results) {
			if (result.status === "rejected") throw result.reason;
			const { caller, me } = result.value;
			expect(me.id).toBe(caller.id);
			expect(me.tenantId).toBe(caller.tenantId);
			expect(me.permissions.includes("policy.manage")).toBe(caller.admin);
		}

		// The plain lookup every other procedure makes: users.list answers within the caller's own
		// tenant, and refuses whoever lacks users.read, in the same crowd.
		const lists = await crowd(10, [
			async () => ({ who: "alpha", page: await alphaAdmin.client.users.list.query({ search: "crowd-admin" }) }),
			async () => ({ who: "beta", page: await betaAdmin.client.users.list.query({ search: "crowd-admin" }) }),
			async () => ({ who: "app", page: await alphaApp.client.users.list.query({ search: "crowd-admin" }) }),
			async () => ({ who: "person", page: await alphaPerson.client.users.list.query({}) }),
		]);
		const seen = { alpha: 0, beta: 0, app: 0, refused: 0 };
		for (const result of lists) {
			if (result.status === "rejected") {
				expect((result.reason as ApiError).data?.code).toBe("FORBIDDEN");
				seen.refused++;
				continue;
			}
			const { who, page } = result.value;
			expect(who).not.toBe("person");
			const expected = who === "beta" ? betaAdmin.user.id : alphaAdmin.user.id;
			expect(page.items.map((item) => item.id)).toEqual([expected]);
			seen[who as "alpha" | "beta" | "app"]++;
		}
		expect(seen).toEqual({ alpha: 10, beta: 10, app: 10, refused: 10 });
	});

	it("refuses an ended session and a revoked key on their next request, while the crowd around them goes on", async () => {
		const admin = await signedIn(server, { ...TENANT_ADMIN, email: "crowd-live@example.com" });
		const leaving = await signedIn(server, { email: "crowd-leaving@example.com" });
		const app = await appKey(admin.client, "Crowd app to revoke", []);

		// Both work in a crowd first.
		const before = await crowd(5, [
			() => admin.client.me.get.query(),
			() => leaving.client.me.get.query(),
			() => app.client.me.get.query(),
		]);
		expect(before.every((result) => result.status === "fulfilled")).toBe(true);

		await leaving.client.auth.signOut.mutate();
		await admin.client.apiKeys.revoke.mutate({ keyId: app.keyId });

		const after = await crowd(8, [
			async () => ({ who: "admin", me: await admin.client.me.get.query() }),
			async () => ({ who: "leaving", me: await leaving.client.me.get.query() }),
			async () => ({ who: "app", me: await app.client.me.get.query() }),
		]);
		const outcomes = after.map((result) => (result.status === "fulfilled" ? result.value.who : "refused"));
		expect(outcomes.filter((who) => who === "admin")).toHaveLength(8);
		expect(outcomes.filter((who) => who === "refused")).toHaveLength(16);
		await expectError(leaving.client.me.get.query(), "UNAUTHORIZED");
		await expectError(app.client.me.get.query(), "UNAUTHORIZED");
	});
});
