/**
 * Application users and API keys, administered through the typed client over HTTP: creation,
 * issue, list, revoke; permission and tenant boundaries; audit; what the database keeps.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import {
	apiKeyClient,
	createAccount,
	expectError,
	insertCustomRole,
	signedIn,
	succeededElseRefused,
	TENANT_ADMIN,
	unsafeInput,
} from "./helpers";

let server: TestServer;
let acmeId: string;
beforeAll(async () => {
	server = await startTestServer();
	acmeId = await server.createTenant("acme");
});
afterAll(async () => {
	await server?.close();
});

const auditRows = (action: string, targetUserId: string) =>
	server.db
		.selectFrom("audit_events")
		.selectAll()
		.where("action", "=", action)
		.where("target_user_id", "=", targetUserId)
		.execute();

const keyRows = (userId: string) =>
	server.db.selectFrom("api_keys").selectAll().where("user_id", "=", userId).execute();
const countOf = async (table: "users" | "api_keys" | "role_assignments" | "audit_events") =>
	Number(
		(
			await server.db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll().as("n"))
				.executeTakeFirstOrThrow()
		).n,
	);

describe("apiKeys.createApplicationUser", () => {
	it("creates an active application user with no email or password, audited once", async () => {
		const { user: admin, client } = await signedIn(server, TENANT_ADMIN);
		const app = await client.apiKeys.createApplicationUser.mutate({
			name: "  Billing sync ",
			username: "billing-sync",
		});
		expect(app).toEqual({
			id: expect.any(String),
			name: "Billing sync",
			username: "billing-sync",
			state: "active",
			primaryAccountId: null,
			roles: [],
			liveKeyCount: 0,
			createdAt: server.clock.now(),
			version: 1,
		});
		const row = await server.db.selectFrom("users").selectAll().where("id", "=", app.id).executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			tenant_id: admin.tenantId,
			user_type: "application",
			state: "active",
			email: null,
			phone: null,
			first_name: "Billing sync",
			last_name: null,
			password_changed_at: null,
		});
		const credential = await server.db
			.selectFrom("password_credentials")
			.select("user_id")
			.where("user_id", "=", app.id)
			.executeTakeFirst();
		expect(credential).toBeUndefined();
		const audits = await auditRows("user.application_created", app.id);
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({ actor_user_id: admin.id, outcome: "success", ip: "127.0.0.1" });
		expect(audits[0]?.details).toEqual({
			name: "Billing sync",
			username: "billing-sync",
			primaryAccountId: null,
			roles: [],
		});
	});

	it("grants roles at creation that the creator holds", async () => {
		const { user: admin, client } = await signedIn(server, TENANT_ADMIN);
		const app = await client.apiKeys.createApplicationUser.mutate({
			name: "Reporting",
			roleKeys: ["user_manager", "security_auditor"],
		});
		expect(app.roles).toEqual([
			{ roleKey: "security_auditor", contextType: "tenant", contextId: admin.tenantId },
			{ roleKey: "user_manager", contextType: "tenant", contextId: admin.tenantId },
		]);
		const listed = await client.apiKeys.listApplicationUsers.query({});
		expect(listed.items.find((item) => item.id === app.id)?.roles).toEqual(app.roles);
	});

	it("refuses to grant a role the creator does not hold in full, and creates nothing", async () => {
		await insertCustomRole(server, acmeId, "key_manager", "tenant", ["apikeys.manage", "users.read", "roles.manage"]);
		const { client } = await signedIn(server, { roles: [{ key: "key_manager" }] });
		const before = { users: await countOf("users"), assignments: await countOf("role_assignments") };
		await expectError(
			client.apiKeys.createApplicationUser.mutate({ name: "Escalator", roleKeys: ["tenant_admin"] }),
			"FORBIDDEN",
			"APIKEY.ROLE_NOT_GRANTABLE",
		);
		await expectError(
			client.apiKeys.createApplicationUser.mutate({ name: "Escalator", roleKeys: ["user_manager"] }),
			"FORBIDDEN",
			"APIKEY.ROLE_NOT_GRANTABLE",
		);
		expect({ users: await countOf("users"), assignments: await countOf("role_assignments") }).toEqual(before);
		// Without roles.manage, not even a role whose permissions are all held can be granted.
		await insertCustomRole(server, acmeId, "key_only", "tenant", ["apikeys.manage", "users.read"]);
		await insertCustomRole(server, acmeId, "reader", "tenant", ["users.read"]);
		const { client: keyOnly } = await signedIn(server, { roles: [{ key: "key_only" }] });
		await expectError(
			keyOnly.apiKeys.createApplicationUser.mutate({ name: "Reader", roleKeys: ["reader"] }),
			"FORBIDDEN",
			"APIKEY.ROLE_NOT_GRANTABLE",
		);
		// What they do hold, they can grant.
		const app = await client.apiKeys.createApplicationUser.mutate({ name: "Reader", roleKeys: ["reader"] });
		expect(app.roles.map((role) => role.roleKey)).toEqual(["reader"]);
	});

	it.each([
		[{ name: "X", roleKeys: ["no_such_role"] }, "roleKeys"],
		[{ name: "X", roleKeys: ["space_admin"] }, "roleKeys"],
		[{ name: "X", roleKeys: ["account_admin"] }, "roleKeys"],
		[{ name: "   " }, "name"],
		[{ name: "X", username: "a b" }, "username"],
		[{ name: "X", primaryAccountId: "00000000-0000-4000-8000-000000000000" }, "primaryAccountId"],
	])("refuses %j as BAD_REQUEST and creates nothing", async (input, field) => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const before = await countOf("users");
		const error = await expectError(client.apiKeys.createApplicationUser.mutate(input), "BAD_REQUEST", "VALIDATION");
		expect(Object.keys(error.data?.fieldErrors ?? {})).toContain(field);
		expect(await countOf("users")).toBe(before);
	});

	it("refuses unknown fields (no mass assignment of type, state, email or tenant)", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const before = await countOf("users");
		for (const extra of [
			{ userType: "human" },
			{ state: "inactive" },
			{ email: "x@example.com" },
			{ tenantId: "00000000-0000-4000-8000-000000000000" },
		]) {
			await expectError(
				client.apiKeys.createApplicationUser.mutate(unsafeInput({ name: "Mass", ...extra })),
				"BAD_REQUEST",
			);
		}
		expect(await countOf("users")).toBe(before);
	});

	it("refuses a username already taken in the tenant (by anyone) as CONFLICT", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		await client.apiKeys.createApplicationUser.mutate({ name: "First", username: "dupe-app" });
		await expectError(
			client.apiKeys.createApplicationUser.mutate({ name: "Second", username: "DUPE-app" }),
			"CONFLICT",
			"APIKEY.USERNAME_TAKEN",
		);
	});

	it("an account of another tenant is unknown", async () => {
		const foreign = await createAccount(server, await server.createTenant("globex"), "Globex Sales");
		const { client } = await signedIn(server, TENANT_ADMIN);
		await expectError(
			client.apiKeys.createApplicationUser.mutate({ name: "X", primaryAccountId: foreign }),
			"BAD_REQUEST",
			"VALIDATION",
		);
	});
});

describe("apiKeys.issue, list and revoke", () => {
	it("issues a key once; the database keeps only its SHA-256 and prefix", async () => {
		const { user: admin, client } = await signedIn(server, TENANT_ADMIN);
		const app = await client.apiKeys.createApplicationUser.mutate({ name: "Sync" });
		const expiresAt = new Date(server.clock.now().getTime() + 90 * 86_400_000);
		const { key, apiKey } = await client.apiKeys.issue.mutate({ userId: app.id, name: "prod", expiresAt });
		expect(key).toMatch(/^tsk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
		expect(apiKey).toEqual({
			id: expect.any(String),
			userId: app.id,
			name: "prod",
			prefix: key.slice(4, 12),
			status: "active",
			createdAt: server.clock.now(),
			createdBy: admin.id,
			expiresAt,
			lastUsedAt: null,
			revokedAt: null,
		});
		const rows = await keyRows(app.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]?.key_hash).toBe(createHash("sha256").update(key).digest("hex"));
		expect(rows[0]?.prefix).toBe(apiKey.prefix);

		// Neither the key nor its secret part appears anywhere in the database.
		const secret = key.slice(13);
		const tables = await sql<{ table_name: string }>`
			select table_name from information_schema.tables
			where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(server.db);
		for (const { table_name } of tables.rows) {
			const hit = await sql<{ n: number }>`
				select count(*)::int as n from ${sql.table(table_name)} t where row_to_json(t)::text like ${`%${secret}%`}`.execute(
				server.db,
			);
			expect(hit.rows[0]?.n, table_name).toBe(0);
		}

		const audits = await auditRows("apikey.created", app.id);
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({ actor_user_id: admin.id, outcome: "success" });
		expect(audits[0]?.details).toEqual({
			apiKeyId: apiKey.id,
			prefix: apiKey.prefix,
			name: "prod",
			expiresAt: expiresAt.toISOString(),
		});
	});

	it("lists keys with prefix, name and dates, never the secret or hash", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const app = await client.apiKeys.createApplicationUser.mutate({ name: "Lister" });
		const first = await client.apiKeys.issue.mutate({ userId: app.id, name: "one" });
		server.clock.advance(1000);
		const second = await client.apiKeys.issue.mutate({ userId: app.id, name: "two" });
		const listed = await client.apiKeys.list.query({ userId: app.id });
		expect(listed.map((k) => [k.name, k.prefix, k.status])).toEqual([
			["two", second.apiKey.prefix, "active"],
			["one", first.apiKey.prefix, "active"],
		]);
		for (const item of listed) {
			expect(Object.keys(item).sort()).toEqual(
				[
					"createdAt",
					"createdBy",
					"expiresAt",
					"id",
					"lastUsedAt",
					"name",
					"prefix",
					"revokedAt",
					"status",
					"userId",
				].sort(),
			);
		}
		const text = JSON.stringify(listed);
		const hashes = (await keyRows(app.id)).map((row) => row.key_hash);
		for (const secretish of [first.key, second.key, first.key.slice(13), second.key.slice(13), ...hashes]) {
			expect(text).not.toContain(secretish);
		}
		const users = await client.apiKeys.listApplicationUsers.query({});
		expect(users.items.find((item) => item.id === app.id)?.liveKeyCount).toBe(2);
	});

	it("revokes a key once, audited once; revoking again changes nothing", async () => {
		const { user: admin, client } = await signedIn(server, TENANT_ADMIN);
		const app = await client.apiKeys.createApplicationUser.mutate({ name: "Revokee" });
		const { apiKey } = await client.apiKeys.issue.mutate({ userId: app.id, name: "old" });
		server.clock.advance(5000);
		const revoked = await client.apiKeys.revoke.mutate({ keyId: apiKey.id });
		expect(revoked).toMatchObject({ id: apiKey.id, status: "revoked", revokedAt: server.clock.now() });
		server.clock.advance(5000);
		const again = await client.apiKeys.revoke.mutate({ keyId: apiKey.id });
		expect(again.revokedAt).toEqual(revoked.revokedAt);
		const audits = await auditRows("apikey.revoked", app.id);
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({ actor_user_id: admin.id });
		expect(audits[0]?.details).toEqual({ apiKeyId: apiKey.id, prefix: apiKey.prefix, name: "old" });
	});

	it("refuses an expiry in the past and a human user", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const app = await client.apiKeys.createApplicationUser.mutate({ name: "Past" });
		await expectError(
			client.apiKeys.issue.mutate({ userId: app.id, name: "x", expiresAt: new Date(server.clock.now().getTime() - 1) }),
			"BAD_REQUEST",
			"VALIDATION",
		);
		const human = await server.seedUser();
		await expectError(
			client.apiKeys.issue.mutate({ userId: human.id, name: "x" }),
			"NOT_FOUND",
			"APIKEY.APPLICATION_USER_NOT_FOUND",
		);
		await expectError(client.apiKeys.list.query({ userId: human.id }), "NOT_FOUND");
		expect(await keyRows(app.id)).toEqual([]);
		expect(await keyRows(human.id)).toEqual([]);
	});

	it("caps live keys per application user; revoking one makes room", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const app = await client.apiKeys.createApplicationUser.mutate({ name: "Hoarder" });
		const issued = [];
		for (let i = 0; i < 10; i++) issued.push(await client.apiKeys.issue.mutate({ userId: app.id, name: `k${i}` }));
		await expectError(client.apiKeys.issue.mutate({ userId: app.id, name: "k10" }), "CONFLICT", "APIKEY.TOO_MANY_KEYS");
		const firstId = issued[0]?.apiKey.id ?? "";
		await client.apiKeys.revoke.mutate({ keyId: firstId });
		await client.apiKeys.issue.mutate({ userId: app.id, name: "k10" });
		expect(await keyRows(app.id)).toHaveLength(11);
	});

	it("holds the cap when the issues arrive at once: of 15 in parallel exactly 10 are issued", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const app = await client.apiKeys.createApplicationUser.mutate({ name: "Burst" });
		const issued = await succeededElseRefused(
			Array.from({ length: 15 }, (_, i) => client.apiKeys.issue.mutate({ userId: app.id, name: `burst${i}` })),
			"APIKEY.TOO_MANY_KEYS",
		);
		expect(issued).toHaveLength(10);
		expect(await keyRows(app.id)).toHaveLength(10);
	});

	it("issues no keys to an application user being deleted", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const app = await client.apiKeys.createApplicationUser.mutate({ name: "Leaving" });
		await client.users.changeState.mutate({ userId: app.id, version: app.version, to: "deleting" });
		await expectError(
			client.apiKeys.issue.mutate({ userId: app.id, name: "late" }),
			"CONFLICT",
			"APIKEY.APPLICATION_USER_RETIRED",
		);
		expect(await keyRows(app.id)).toEqual([]);
	});
});

describe("permission and tenant boundaries", () => {
	it("anonymous callers get UNAUTHORIZED on every apiKeys procedure", async () => {
		const anonymous = server.client();
		const id = "00000000-0000-4000-8000-000000000000";
		await expectError(anonymous.apiKeys.createApplicationUser.mutate({ name: "X" }), "UNAUTHORIZED");
		await expectError(anonymous.apiKeys.listApplicationUsers.query({}), "UNAUTHORIZED");
		await expectError(anonymous.apiKeys.issue.mutate({ userId: id, name: "X" }), "UNAUTHORIZED");
		await expectError(anonymous.apiKeys.list.query({ userId: id }), "UNAUTHORIZED");
		await expectError(anonymous.apiKeys.revoke.mutate({ keyId: id }), "UNAUTHORIZED");
	});

	it.each(["member", "user_manager", "security_auditor"])(
		"a %s (no apikeys.manage) gets FORBIDDEN and nothing changes",
		async (roleKey) => {
			const { client: admin } = await signedIn(server, TENANT_ADMIN);
			const app = await admin.apiKeys.createApplicationUser.mutate({ name: "Guarded" });
			const { apiKey } = await admin.apiKeys.issue.mutate({ userId: app.id, name: "k" });
			const { client } = await signedIn(server, { roles: [{ key: roleKey }] });
			const before = {
				users: await countOf("users"),
				keys: await countOf("api_keys"),
				audits: await countOf("audit_events"),
			};
			await expectError(client.apiKeys.createApplicationUser.mutate({ name: "X" }), "FORBIDDEN", "AUTHZ.FORBIDDEN");
			await expectError(client.apiKeys.issue.mutate({ userId: app.id, name: "X" }), "FORBIDDEN", "AUTHZ.FORBIDDEN");
			await expectError(client.apiKeys.list.query({ userId: app.id }), "FORBIDDEN");
			await expectError(client.apiKeys.listApplicationUsers.query({}), "FORBIDDEN");
			await expectError(client.apiKeys.revoke.mutate({ keyId: apiKey.id }), "FORBIDDEN");
			expect({
				users: await countOf("users"),
				keys: await countOf("api_keys"),
				audits: await countOf("audit_events"),
			}).toEqual(before);
			expect((await keyRows(app.id))[0]?.revoked_at).toBeNull();
		},
	);

	it("another tenant's application users and keys do not exist (NOT_FOUND), and nothing changes", async () => {
		const { client: acme } = await signedIn(server, TENANT_ADMIN);
		const app = await acme.apiKeys.createApplicationUser.mutate({ name: "Acme app" });
		const { apiKey } = await acme.apiKeys.issue.mutate({ userId: app.id, name: "k" });
		await server.createTenant("globex");
		const { client: globex } = await signedIn(server, { tenantSlug: "globex", roles: [{ key: "tenant_admin" }] });
		const before = { keys: await keyRows(app.id), audits: await countOf("audit_events") };
		await expectError(
			globex.apiKeys.issue.mutate({ userId: app.id, name: "stolen" }),
			"NOT_FOUND",
			"APIKEY.APPLICATION_USER_NOT_FOUND",
		);
		await expectError(globex.apiKeys.list.query({ userId: app.id }), "NOT_FOUND");
		await expectError(globex.apiKeys.revoke.mutate({ keyId: apiKey.id }), "NOT_FOUND", "APIKEY.NOT_FOUND");
		const globexList = await globex.apiKeys.listApplicationUsers.query({});
		expect(globexList.items.map((item) => item.id)).not.toContain(app.id);
		expect({ keys: await keyRows(app.id), audits: await countOf("audit_events") }).toEqual(before);
	});

	it("apikeys.manage on an account covers that account's application users only", async () => {
		const sales = await createAccount(server, acmeId, "Sales");
		const support = await createAccount(server, acmeId, "Support");
		await insertCustomRole(server, acmeId, "account_key_manager", "account", ["apikeys.manage", "users.read"]);
		const { client: admin } = await signedIn(server, TENANT_ADMIN);
		const tenantWide = await admin.apiKeys.createApplicationUser.mutate({ name: "Tenant app" });
		const supportApp = await admin.apiKeys.createApplicationUser.mutate({
			name: "Support app",
			primaryAccountId: support,
		});
		const { user: manager, client } = await signedIn(server, {
			roles: [{ key: "account_key_manager", contextType: "account", contextId: sales }],
		});
		const salesApp = await client.apiKeys.createApplicationUser.mutate({ name: "Sales app", primaryAccountId: sales });
		expect(salesApp.primaryAccountId).toBe(sales);
		await client.apiKeys.issue.mutate({ userId: salesApp.id, name: "k" });
		const before = await countOf("users");
		await expectError(client.apiKeys.createApplicationUser.mutate({ name: "Tenant-wide" }), "FORBIDDEN");
		await expectError(
			client.apiKeys.createApplicationUser.mutate({ name: "Elsewhere", primaryAccountId: support }),
			"FORBIDDEN",
		);
		expect(await countOf("users")).toBe(before);
		// Users outside every context the manager can read do not exist for them.
		await expectError(client.apiKeys.issue.mutate({ userId: tenantWide.id, name: "k" }), "NOT_FOUND");
		await expectError(client.apiKeys.list.query({ userId: supportApp.id }), "NOT_FOUND");
		const listed = await client.apiKeys.listApplicationUsers.query({});
		expect(listed.items.map((item) => item.id)).toEqual([salesApp.id]);
		expect(listed.items[0]?.liveKeyCount).toBe(1);
		expect((await auditRows("user.application_created", salesApp.id))[0]?.actor_user_id).toBe(manager.id);
	});

	it("pages application users by keyset, newest first", async () => {
		await server.createTenant("pager");
		const { client } = await signedIn(server, { tenantSlug: "pager", roles: [{ key: "tenant_admin" }] });
		const created = [];
		for (let i = 0; i < 5; i++) {
			created.push(await client.apiKeys.createApplicationUser.mutate({ name: `App ${i}` }));
			server.clock.advance(1000);
		}
		const first = await client.apiKeys.listApplicationUsers.query({ limit: 2 });
		expect(first.items.map((item) => item.name)).toEqual(["App 4", "App 3"]);
		const second = await client.apiKeys.listApplicationUsers.query({ limit: 2, cursor: first.nextCursor ?? "" });
		expect(second.items.map((item) => item.name)).toEqual(["App 2", "App 1"]);
		const third = await client.apiKeys.listApplicationUsers.query({ limit: 2, cursor: second.nextCursor ?? "" });
		expect(third.items.map((item) => item.name)).toEqual(["App 0"]);
		expect(third.nextCursor).toBeNull();
		await expectError(client.apiKeys.listApplicationUsers.query({ cursor: "garbage" }), "BAD_REQUEST", "VALIDATION");
	});

	it("an application user's key can administer keys when its roles allow, like a person", async () => {
		const { client: admin } = await signedIn(server, TENANT_ADMIN);
		const app = await admin.apiKeys.createApplicationUser.mutate({ name: "Provisioner", roleKeys: ["tenant_admin"] });
		const { key } = await admin.apiKeys.issue.mutate({ userId: app.id, name: "k" });
		const provisioner = apiKeyClient(server, key);
		const child = await provisioner.apiKeys.createApplicationUser.mutate({ name: "Child" });
		const issued = await provisioner.apiKeys.issue.mutate({ userId: child.id, name: "k" });
		expect((await auditRows("apikey.created", child.id))[0]?.actor_user_id).toBe(app.id);
		await provisioner.apiKeys.revoke.mutate({ keyId: issued.apiKey.id });
	});
});
