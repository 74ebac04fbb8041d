import { hashPassword } from "@tessera/core/passwords/password-hash";
import { createTenant } from "@tessera/core/tenants/tenant.service";
import { ZPhone } from "@tessera/core/users/user.schema";
import { insertBulkUsers } from "@tessera/db/bulk";
import { seedDemo } from "@tessera/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

describe("demo seed", () => {
	it("creates accounts with a sub-account, spaces, roles, ~200 users in every state, and an admin who can sign in", async () => {
		const demo = await seedDemo(server.db, { createTenant, hashPassword });
		const tenant = await server.db
			.selectFrom("tenants")
			.select("id")
			.where("slug", "=", demo.tenantSlug)
			.executeTakeFirstOrThrow();

		const accounts = await server.db
			.selectFrom("accounts")
			.select(["id", "parent_account_id"])
			.where("tenant_id", "=", tenant.id)
			.execute();
		expect(accounts).toHaveLength(2);
		expect(accounts.filter((a) => a.parent_account_id !== null)).toHaveLength(1);
		const spaces = await server.db.selectFrom("spaces").select("id").where("tenant_id", "=", tenant.id).execute();
		expect(spaces.length).toBeGreaterThanOrEqual(2);

		const states = await server.db
			.selectFrom("users")
			.select(["state", (eb) => eb.fn.countAll<number>().as("n")])
			.where("tenant_id", "=", tenant.id)
			.groupBy("state")
			.execute();
		expect(states.map((s) => s.state).sort()).toEqual(["active", "create", "deleted", "deleting", "inactive"]);
		expect(states.reduce((sum, s) => sum + s.n, 0)).toBe(201);

		// Deleted users are tombstones: no personal data left.
		const deleted = await server.db
			.selectFrom("users")
			.select(["email", "first_name", "last_name", "username"])
			.where("tenant_id", "=", tenant.id)
			.where("state", "=", "deleted")
			.execute();
		for (const row of deleted) expect(row).toEqual({ email: null, first_name: null, last_name: null, username: null });

		// Seeded values pass the same validation a profile edit applies.
		const phones = await server.db
			.selectFrom("users")
			.select("phone")
			.where("tenant_id", "=", tenant.id)
			.where("phone", "is not", null)
			.execute();
		expect(phones.length).toBeGreaterThan(10);
		for (const { phone } of phones) expect(ZPhone.safeParse(phone).success).toBe(true);

		// The admin password is random (no default credentials) and works.
		expect(demo.adminPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
		const client = server.client();
		await client.auth.signIn.mutate({ tenant: demo.tenantSlug, email: demo.adminEmail, password: demo.adminPassword });
		const me = await client.me.get.query();
		expect(me.roles.map((r) => r.roleKey)).toContain("tenant_admin");
		expect(me.permissions).toContain("users.write");
	});

	it("the bulk generator inserts the requested number of valid users", async () => {
		const tenantId = await server.createTenant("bulk");
		await insertBulkUsers(server.db, tenantId, 2_500, { batchSize: 1_000 });
		const rows = await server.db
			.selectFrom("users")
			.select([(eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.count<number>("email").distinct().as("emails")])
			.where("tenant_id", "=", tenantId)
			.executeTakeFirstOrThrow();
		expect(rows).toEqual({ n: 2_500, emails: 2_500 });
	});
});
