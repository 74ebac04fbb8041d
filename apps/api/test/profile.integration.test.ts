import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import { expectError, signedIn, unsafeInput } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const rowOf = (id: string) => server.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("me.updateProfile", () => {
	it("updates names, language, time zone and phone, and raises the version by exactly one", async () => {
		const { user, client } = await signedIn(server);
		const before = await client.me.get.query();
		const after = await client.me.updateProfile.mutate({
			version: before.version,
			firstName: "  Ada ",
			lastName: "Lovelace",
			language: "de-ch",
			timeZone: "Europe/Zurich",
			phone: "+41 44 668 18 00",
		});
		expect(after).toMatchObject({
			firstName: "Ada",
			lastName: "Lovelace",
			language: "de-CH",
			timeZone: "Europe/Zurich",
			phone: "+41446681800",
			phoneVerified: false,
			version: before.version + 1,
		});
		const row = await rowOf(user.id);
		expect(row.version).toBe(before.version + 1);
		expect(row.first_name).toBe("Ada");
	});

	it("clears a field with null or an empty string", async () => {
		const { client } = await signedIn(server, { timeZone: "Europe/Amsterdam" });
		const me = await client.me.get.query();
		const after = await client.me.updateProfile.mutate({ version: me.version, timeZone: null, lastName: "" });
		expect(after.timeZone).toBeNull();
		expect(after.lastName).toBeNull();
	});

	it("refuses a stale version with CONFLICT carrying the current version, and writes nothing", async () => {
		const { user, client } = await signedIn(server, { firstName: "Original" });
		const me = await client.me.get.query();
		await client.me.updateProfile.mutate({ version: me.version, firstName: "First edit" });
		const before = await rowOf(user.id);
		const error = await expectError(
			client.me.updateProfile.mutate({ version: me.version, firstName: "Lost update" }),
			"CONFLICT",
			"USER.VERSION_CONFLICT",
		);
		expect(error.data?.currentVersion).toBe(me.version + 1);
		expect(await rowOf(user.id)).toEqual(before);
	});

	it("lets exactly one of two parallel edits of the same version win", async () => {
		const { user, client } = await signedIn(server);
		const other = server.client();
		await other.auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password });
		const me = await client.me.get.query();
		const results = await Promise.allSettled([
			client.me.updateProfile.mutate({ version: me.version, firstName: "Alpha", lastName: "One" }),
			other.me.updateProfile.mutate({ version: me.version, firstName: "Beta", lastName: "Two" }),
		]);
		expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
		expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
		const row = await rowOf(user.id);
		expect(row.version).toBe(me.version + 1);
		// The row holds the winner's fields only, never a mix.
		expect([
			["Alpha", "One"],
			["Beta", "Two"],
		]).toContainEqual([row.first_name, row.last_name]);
	});

	it.each([
		["a bad phone", { phone: "0612345678" }, "phone"],
		["an unknown time zone", { timeZone: "Mars/Olympus" }, "timeZone"],
		["an unsupported language", { language: "fr" }, "language"],
		["a 10 kB name", { firstName: "x".repeat(10_000) }, "firstName"],
		["a name with control characters", { lastName: "Evil\r\nAdmin" }, "lastName"],
	])("refuses %s with a field error and writes nothing", async (_name, patch, field) => {
		const { user, client } = await signedIn(server);
		const before = await rowOf(user.id);
		const error = await expectError(
			client.me.updateProfile.mutate({ version: before.version, ...patch }),
			"BAD_REQUEST",
			"VALIDATION",
		);
		expect(Object.keys(error.data?.fieldErrors ?? {})).toEqual([field]);
		expect(await rowOf(user.id)).toEqual(before);
	});

	it("says what is wrong as codes with their limits, for the portal to word in the reader's language", async () => {
		const { user, client } = await signedIn(server);
		const before = await rowOf(user.id);
		const error = await expectError(
			client.me.updateProfile.mutate({
				version: before.version,
				firstName: "x".repeat(10_000),
				timeZone: "Mars/Olympus",
			}),
			"BAD_REQUEST",
			"VALIDATION",
		);
		expect(error.data?.fieldIssues?.firstName).toEqual([{ code: "too_big", origin: "string", maximum: 400 }]);
		// A rule core checks itself names no limit; the portal says what the field needs.
		expect(error.data?.fieldIssues?.timeZone).toEqual([{ code: "custom" }]);
		expect(Object.keys(error.data?.fieldIssues ?? {}).sort()).toEqual(
			Object.keys(error.data?.fieldErrors ?? {}).sort(),
		);
	});

	it("refuses wrong types with BAD_REQUEST", async () => {
		const { user, client } = await signedIn(server);
		const before = await rowOf(user.id);
		await expectError(
			client.me.updateProfile.mutate(unsafeInput({ version: "1", firstName: 7 })),
			"BAD_REQUEST",
			"VALIDATION",
		);
		expect(await rowOf(user.id)).toEqual(before);
	});

	it.each([
		["state", "inactive"],
		["tenantId", "00000000-0000-4000-8000-000000000000"],
		["role", "tenant_admin"],
		["emailVerified", true],
		["phoneVerified", true],
		["email", "someone-else@example.com"],
		["primaryAccountId", "00000000-0000-4000-8000-000000000000"],
		["twoFactorEnabled", true],
	])("refuses the unknown key %s and applies nothing (no mass assignment)", async (key, value) => {
		const { user, client } = await signedIn(server);
		const before = await rowOf(user.id);
		const input = unsafeInput<{ version: number }>({ version: before.version, firstName: "Changed", [key]: value });
		const error = await expectError(client.me.updateProfile.mutate(input), "BAD_REQUEST", "VALIDATION");
		expect(JSON.stringify(error.data?.fieldErrors)).toMatch(/Unknown field/);
		expect(await rowOf(user.id)).toEqual(before);
	});

	it("keeps a verified number out of profile edits: it changes only through SMS confirmation", async () => {
		const { user, client } = await signedIn(server);
		await server.db
			.updateTable("users")
			.set({ phone: "+31612345678", phone_verified: true })
			.where("id", "=", user.id)
			.execute();
		const me = await client.me.get.query();
		const same = await client.me.updateProfile.mutate({ version: me.version, phone: "+31 6 12345678" });
		expect(same).toMatchObject({ phone: "+31612345678", phoneVerified: true });
		const before = await rowOf(user.id);
		const error = await expectError(
			client.me.updateProfile.mutate({ version: same.version, phone: "+31687654321" }),
			"BAD_REQUEST",
			"VALIDATION",
		);
		expect(Object.keys(error.data?.fieldErrors ?? {})).toEqual(["phone"]);
		expect(await rowOf(user.id)).toEqual(before);
	});

	it("sets an unverified number as unverified", async () => {
		const { client } = await signedIn(server);
		const me = await client.me.get.query();
		const changed = await client.me.updateProfile.mutate({ version: me.version, phone: "+31687654321" });
		expect(changed).toMatchObject({ phone: "+31687654321", phoneVerified: false });
	});

	it("writes one audit row per change, with before and after", async () => {
		const { user, client } = await signedIn(server, { firstName: "Old" });
		const me = await client.me.get.query();
		await client.me.updateProfile.mutate({ version: me.version, firstName: "New" });
		const rows = await server.db
			.selectFrom("audit_events")
			.select(["action", "actor_user_id", "details"])
			.where("target_user_id", "=", user.id)
			.where("action", "=", "user.profile_updated")
			.execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]?.actor_user_id).toBe(user.id);
		expect(rows[0]?.details).toEqual({ changes: { first_name: { from: "Old", to: "New" } } });
	});

	it("needs a session", async () => {
		await expectError(server.client().me.updateProfile.mutate({ version: 1, firstName: "X" }), "UNAUTHORIZED");
	});
});

describe("me.get", () => {
	it("lists each permission its roles grant once, in order, with every assignment and the tenant", async () => {
		const tenantId = await server.createTenant("acme");
		const { id: accountId } = await server.db
			.insertInto("accounts")
			.values({ tenant_id: tenantId, name: "Profile test account" })
			.returning("id")
			.executeTakeFirstOrThrow();
		const { client } = await signedIn(server, {
			roles: [
				{ key: "user_manager" },
				{ key: "security_auditor" },
				{ key: "account_admin", contextType: "account", contextId: accountId, appliesToSubAccounts: true },
			],
		});
		const me = await client.me.get.query();
		// user_manager ∪ security_auditor ∪ account_admin, each once, in byte order.
		expect(me.permissions).toEqual([
			"audit.read",
			"dashboard.read",
			"invitations.manage",
			"roles.manage",
			"roles.read",
			"users.delete",
			"users.read",
			"users.security",
			"users.write",
		]);
		expect(me.roles).toEqual([
			{
				roleKey: "account_admin",
				roleName: "Account administrator",
				contextType: "account",
				contextId: accountId,
				appliesToSubAccounts: true,
			},
			expect.objectContaining({ roleKey: "security_auditor", contextType: "tenant" }),
			expect.objectContaining({ roleKey: "user_manager", contextType: "tenant" }),
		]);
		expect(me).toMatchObject({ tenantSlug: "acme", tenantName: expect.any(String) });
		// Held for the whole tenant: the two tenant roles, not the account admin's extra permissions.
		expect(me.tenantPermissions).toEqual([
			"audit.read",
			"dashboard.read",
			"invitations.manage",
			"roles.read",
			"users.read",
			"users.security",
			"users.write",
		]);
	});

	it("a member holds no permissions and sees their one role", async () => {
		const { client } = await signedIn(server, { roles: [{ key: "member" }] });
		const me = await client.me.get.query();
		expect(me.permissions).toEqual([]);
		expect(me.tenantPermissions).toEqual([]);
		expect(me.roles.map((role) => role.roleKey)).toEqual(["member"]);
	});
});
