import { AUDIT_ACTIONS } from "@tessera/core/audit/audit-actions";
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

let demoPassword: string | null = null;
const demoPasswordOf = () => {
	if (demoPassword === null) throw new Error("the seed test runs first");
	return demoPassword;
};

describe("demo seed", () => {
	it("creates accounts with a sub-account, spaces, roles, ~200 users in every state, and an admin who can sign in", async () => {
		const demo = await seedDemo(server.db, { createTenant, hashPassword });
		demoPassword = demo.adminPassword;
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

	it("tells one story across tables: invitations, passwords, sign-ins, second factors and the audit log agree", async () => {
		const tenantId = (
			await server.db.selectFrom("tenants").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow()
		).id;
		const admin = await server.client();
		const demoAdmin = await server.db
			.selectFrom("users")
			.select("id")
			.where("tenant_id", "=", tenantId)
			.where("email", "=", "admin@demo.tessera.test")
			.executeTakeFirstOrThrow();
		const users = await server.db
			.selectFrom("users as u")
			.leftJoin("password_credentials as pc", "pc.user_id", "u.id")
			.select([
				"u.id",
				"u.state",
				"u.last_sign_in_at",
				"u.two_factor_type",
				"u.phone_verified",
				"pc.user_id as has_password",
			])
			.where("u.tenant_id", "=", tenantId)
			.where("u.id", "!=", demoAdmin.id)
			.execute();
		const invitations = await server.db
			.selectFrom("invitations")
			.select(["user_id", "expires_at", "accepted_at", "revoked_at"])
			.where("tenant_id", "=", tenantId)
			.execute();
		const events = await server.db
			.selectFrom("audit_events")
			.select(["target_user_id", "actor_user_id", "action", "outcome", "occurred_at"])
			.where("tenant_id", "=", tenantId)
			.execute();
		const now = server.clock.now();

		// Everyone invited and not yet in has exactly one pending, unexpired invitation; nobody else has one.
		const invited = users.filter((user) => user.state === "create");
		expect(invited.length).toBeGreaterThan(5);
		expect(invitations.map((invitation) => invitation.user_id).sort()).toEqual(invited.map((user) => user.id).sort());
		for (const invitation of invitations) {
			expect(invitation).toMatchObject({ accepted_at: null, revoked_at: null });
			expect(invitation.expires_at.getTime()).toBeGreaterThan(now.getTime());
		}
		// An invited person has no password yet; everyone who signed in has one, and a sign-in event at that moment.
		for (const user of invited) expect(user.has_password).toBeNull();
		const signedIn = users.filter((user) => user.last_sign_in_at !== null);
		expect(signedIn.length).toBeGreaterThan(50);
		for (const user of signedIn) {
			expect(user.has_password).toBe(user.id);
			expect(
				events.some(
					(event) =>
						event.target_user_id === user.id &&
						event.action === "auth.sign_in" &&
						event.outcome === "success" &&
						event.occurred_at.getTime() === user.last_sign_in_at?.getTime(),
				),
			).toBe(true);
		}
		// A second factor by SMS goes to a verified number, and was turned on in the log.
		const withMfa = users.filter((user) => user.two_factor_type !== null);
		expect(withMfa.length).toBeGreaterThan(20);
		for (const user of withMfa) {
			if (user.two_factor_type === "sms") expect(user.phone_verified).toBe(true);
			expect(events.some((event) => event.target_user_id === user.id && event.action === "mfa.channel_enabled")).toBe(
				true,
			);
		}
		// The log is a real history: only actions the product writes, failures among them, none in the future.
		expect(events.length).toBeGreaterThan(300);
		for (const event of events) {
			expect(AUDIT_ACTIONS).toContain(event.action);
			expect(event.occurred_at.getTime()).toBeLessThanOrEqual(now.getTime());
		}
		expect(events.some((event) => event.outcome === "failure")).toBe(true);

		// The dashboard counts the same pending invitations the list shows.
		await admin.auth.signIn.mutate({ tenant: "demo", email: "admin@demo.tessera.test", password: demoPasswordOf() });
		const dashboard = await admin.dashboard.get.query();
		expect(dashboard.pendingInvitations).toBe(invited.length);
		expect(dashboard.mfa.enabled).toBe(withMfa.length);
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
