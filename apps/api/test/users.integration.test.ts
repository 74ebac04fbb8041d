import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import { expectError, signedIn, TENANT_ADMIN } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const stateOf = async (id: string) =>
	server.db
		.selectFrom("users")
		.select(["state", "version", "planned_purge_at"])
		.where("id", "=", id)
		.executeTakeFirstOrThrow();

describe("users.changeState", () => {
	it("deactivates and reactivates with the version it read", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const target = await server.seedUser();
		const v1 = await client.users.get.query({ userId: target.id });
		const inactive = await client.users.changeState.mutate({ userId: target.id, version: v1.version, to: "inactive" });
		expect(inactive).toMatchObject({ state: "inactive", version: v1.version + 1 });
		const active = await client.users.changeState.mutate({
			userId: target.id,
			version: inactive.version,
			to: "active",
		});
		expect(active).toMatchObject({ state: "active", version: v1.version + 2 });
	});

	it("deleting sets a planned purge date 30 days out and ends the user's sessions", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const target = await server.seedUser();
		const victim = server.client();
		await victim.auth.signIn.mutate({ tenant: "acme", email: target.email, password: target.password });
		const user = await client.users.get.query({ userId: target.id });
		const deleting = await client.users.changeState.mutate({
			userId: target.id,
			version: user.version,
			to: "deleting",
		});
		expect(deleting.state).toBe("deleting");
		expect(deleting.plannedPurgeAt?.getTime()).toBe(server.clock.now().getTime() + 30 * 86_400_000);
		await expectError(victim.me.get.query(), "UNAUTHORIZED");
	});

	it.each([
		["create", "inactive"],
		["create", "deleting"],
		["deleted", "active"],
		["deleted", "inactive"],
		["deleting", "active"],
		["active", "active"],
	] as const)("refuses the illegal transition %s → %s and changes nothing", async (from, to) => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const target = await server.seedUser({ state: from });
		const before = await stateOf(target.id);
		const error = await expectError(
			client.users.changeState.mutate({ userId: target.id, version: before.version, to }),
			"CONFLICT",
			"USER.ILLEGAL_TRANSITION",
		);
		expect(error.message).toContain(from);
		expect(await stateOf(target.id)).toEqual(before);
	});

	it("refuses a stale version with the current one", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const target = await server.seedUser();
		const before = await stateOf(target.id);
		await client.users.changeState.mutate({ userId: target.id, version: before.version, to: "inactive" });
		const error = await expectError(
			client.users.changeState.mutate({ userId: target.id, version: before.version, to: "deleting" }),
			"CONFLICT",
			"USER.VERSION_CONFLICT",
		);
		expect(error.data?.currentVersion).toBe(before.version + 1);
		expect((await stateOf(target.id)).state).toBe("inactive");
	});
});

describe("the last tenant administrator", () => {
	it("cannot be deactivated or deleted while no other active tenant admin exists", async () => {
		await server.createTenant("soloco");
		const { user: admin, client } = await signedIn(server, { tenantSlug: "soloco", roles: [{ key: "tenant_admin" }] });
		const before = await stateOf(admin.id);
		await expectError(
			client.users.changeState.mutate({ userId: admin.id, version: before.version, to: "inactive" }),
			"CONFLICT",
			"ROLE.LAST_TENANT_ADMIN",
		);
		await expectError(
			client.users.changeState.mutate({ userId: admin.id, version: before.version, to: "deleting" }),
			"CONFLICT",
			"ROLE.LAST_TENANT_ADMIN",
		);
		expect(await stateOf(admin.id)).toEqual(before);
		const second = await server.seedUser({ tenantSlug: "soloco", roles: [{ key: "tenant_admin" }] });
		const secondBefore = await stateOf(second.id);
		await client.users.changeState.mutate({ userId: second.id, version: secondBefore.version, to: "inactive" });
	});
});

describe("permission and tenant boundaries", () => {
	it("a member without permissions gets FORBIDDEN and changes nothing", async () => {
		const { client } = await signedIn(server, { roles: [{ key: "member" }] });
		const target = await server.seedUser();
		const before = await stateOf(target.id);
		await expectError(client.users.get.query({ userId: target.id }), "FORBIDDEN", "AUTHZ.FORBIDDEN");
		await expectError(
			client.users.changeState.mutate({ userId: target.id, version: before.version, to: "inactive" }),
			"FORBIDDEN",
		);
		expect(await stateOf(target.id)).toEqual(before);
	});

	it("a read-only auditor can read but not change state", async () => {
		const { client } = await signedIn(server, { roles: [{ key: "security_auditor" }] });
		const target = await server.seedUser();
		const before = await stateOf(target.id);
		await client.users.get.query({ userId: target.id });
		await expectError(
			client.users.changeState.mutate({ userId: target.id, version: before.version, to: "inactive" }),
			"FORBIDDEN",
		);
		expect(await stateOf(target.id)).toEqual(before);
	});

	it("a user manager may deactivate but not delete", async () => {
		const { client } = await signedIn(server, { roles: [{ key: "user_manager" }] });
		const target = await server.seedUser();
		const before = await stateOf(target.id);
		await expectError(
			client.users.changeState.mutate({ userId: target.id, version: before.version, to: "deleting" }),
			"FORBIDDEN",
		);
		await client.users.changeState.mutate({ userId: target.id, version: before.version, to: "inactive" });
	});

	it("a tenant admin of another tenant sees NOT_FOUND and changes nothing", async () => {
		await server.createTenant("globex");
		const { client } = await signedIn(server, { tenantSlug: "globex", roles: [{ key: "tenant_admin" }] });
		const target = await server.seedUser({ tenantSlug: "acme" });
		const before = await stateOf(target.id);
		await expectError(client.users.get.query({ userId: target.id }), "NOT_FOUND", "USER.NOT_FOUND");
		await expectError(
			client.users.changeState.mutate({ userId: target.id, version: before.version, to: "inactive" }),
			"NOT_FOUND",
		);
		expect(await stateOf(target.id)).toEqual(before);
	});

	it("an account admin manages their account's users, sub-accounts only when granted so, and nobody else", async () => {
		const tenantId = await server.createTenant("acme");
		const [parent, child, sibling] = await Promise.all(
			["Parent", "Child", "Sibling"].map((name) =>
				server.db
					.insertInto("accounts")
					.values({ tenant_id: tenantId, name })
					.returning("id")
					.executeTakeFirstOrThrow(),
			),
		);
		if (!parent || !child || !sibling) throw new Error("accounts not created");
		await server.db.updateTable("accounts").set({ parent_account_id: parent.id }).where("id", "=", child.id).execute();

		const inParent = await server.seedUser({ primaryAccountId: parent.id });
		const inChild = await server.seedUser({ primaryAccountId: child.id });
		const inSibling = await server.seedUser({ primaryAccountId: sibling.id });
		const unassigned = await server.seedUser();

		const { client: narrow } = await signedIn(server, {
			roles: [{ key: "account_admin", contextType: "account", contextId: parent.id }],
		});
		await narrow.users.get.query({ userId: inParent.id });
		await expectError(narrow.users.get.query({ userId: inChild.id }), "NOT_FOUND");
		await expectError(narrow.users.get.query({ userId: inSibling.id }), "NOT_FOUND");
		await expectError(narrow.users.get.query({ userId: unassigned.id }), "NOT_FOUND");

		const { client: wide } = await signedIn(server, {
			roles: [{ key: "account_admin", contextType: "account", contextId: parent.id, appliesToSubAccounts: true }],
		});
		const childUser = await wide.users.get.query({ userId: inChild.id });
		await wide.users.changeState.mutate({ userId: inChild.id, version: childUser.version, to: "inactive" });
		const siblingBefore = await stateOf(inSibling.id);
		await expectError(
			wide.users.changeState.mutate({ userId: inSibling.id, version: siblingBefore.version, to: "inactive" }),
			"NOT_FOUND",
		);
		expect(await stateOf(inSibling.id)).toEqual(siblingBefore);
	});

	it("a revoked role stops working on the very next request", async () => {
		const { user: admin, client } = await signedIn(server, TENANT_ADMIN);
		const target = await server.seedUser();
		await client.users.get.query({ userId: target.id });
		await server.db.deleteFrom("role_assignments").where("user_id", "=", admin.id).execute();
		await expectError(client.users.get.query({ userId: target.id }), "FORBIDDEN");
	});

	it("an unknown id is NOT_FOUND and a malformed id is BAD_REQUEST", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		await expectError(client.users.get.query({ userId: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND");
		await expectError(client.users.get.query({ userId: "1 or 1=1" }), "BAD_REQUEST");
	});
});
