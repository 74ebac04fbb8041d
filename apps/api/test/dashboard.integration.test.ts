import { hashPassword } from "@tessera/core/passwords/password-hash";
import { createTenant } from "@tessera/core/tenants/tenant.service";
import { seedDemo } from "@tessera/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import { expectError, signedIn } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

describe("dashboard", () => {
	it("counts states, roles, MFA adoption and methods, passkeys and recent sign-ups for the tenant only", async () => {
		await server.createTenant("dash");
		const a = await server.seedUser({ tenantSlug: "dash" });
		await server.seedUser({ tenantSlug: "dash", state: "inactive" });
		await server.seedUser({ tenantSlug: "dash", state: "create" });
		await server.db
			.updateTable("users")
			.set({ two_factor_enabled: true, two_factor_type: "totp" })
			.where("id", "=", a.id)
			.execute();
		await server.seedUser({ tenantSlug: "acme" }); // another tenant: never counted
		await expectError(
			server.client(new Map()).auth.signIn.mutate({ tenant: "dash", email: a.email, password: "not-the-password" }),
			"UNAUTHORIZED",
		);
		const { client } = await signedIn(server, { tenantSlug: "dash", roles: [{ key: "security_auditor" }] });
		const dashboard = await client.dashboard.get.query();
		expect(dashboard.scope).toBe("tenant");
		expect(dashboard.users).toEqual({
			total: 4,
			byState: { create: 1, active: 2, inactive: 1, deleting: 0, deleted: 0 },
			applications: 0,
		});
		const methods = { totp: 1, sms: 0, email: 0, passkey: 0 };
		expect(dashboard.mfa).toMatchObject({ adoption: 0.5, enabled: 1, methods });
		// Over time: today's end is now; the tenant is new, so every earlier day is known and had nobody.
		expect(dashboard.mfa.perDay).toHaveLength(30);
		expect(dashboard.mfa.perDay.at(-1)).toEqual({
			day: dashboard.activity.perDay.at(-1)?.day,
			adoption: 0.5,
			enabled: 1,
			people: 2,
			methods,
		});
		expect(dashboard.mfa.perDay[0]).toMatchObject({ adoption: 0, enabled: 0, people: 0 });
		// The auditor's own sign-in and a wrong password, today; nothing before.
		expect(dashboard.activity.last30Days).toEqual({ signIns: 1, failures: 1, lockouts: 0 });
		expect(dashboard.activity.perDay.at(-1)).toMatchObject({ signIns: 1, failures: 1, lockouts: 0 });
		expect(dashboard.recentSignups.last7Days).toBe(4);
		expect(dashboard.roles.find((r) => r.roleKey === "security_auditor")?.users).toBe(1);
		expect(dashboard.passkeys).toEqual({ total: 0, usersWithPasskeys: 0 });
	});

	it("counts days in the viewer's profile zone, else in the zone their device says, else in UTC", async () => {
		await server.createTenant("zones");
		const device = { deviceTimeZone: "Asia/Kathmandu" };
		const noZone = await signedIn(server, { tenantSlug: "zones", roles: [{ key: "security_auditor" }] });
		expect((await noZone.client.dashboard.get.query(device)).recentSignups.timeZone).toBe("Asia/Kathmandu");
		expect((await noZone.client.dashboard.get.query()).recentSignups.timeZone).toBe("UTC");
		const withZone = await signedIn(server, {
			tenantSlug: "zones",
			timeZone: "America/Sao_Paulo",
			roles: [{ key: "security_auditor" }],
		});
		expect((await withZone.client.dashboard.get.query(device)).recentSignups.timeZone).toBe("America/Sao_Paulo");
		await expectError(noZone.client.dashboard.get.query({ deviceTimeZone: "Mars/Olympus" }), "BAD_REQUEST");
	});

	it("an account admin sees only their accounts; a member is refused", async () => {
		const demo = await seedDemo(server.db, { createTenant, hashPassword }, { users: 60 });
		const tenant = await server.db
			.selectFrom("tenants")
			.select("id")
			.where("slug", "=", demo.tenantSlug)
			.executeTakeFirstOrThrow();
		const account = await server.db
			.selectFrom("accounts")
			.select("id")
			.where("tenant_id", "=", tenant.id)
			.where("parent_account_id", "is", null)
			.executeTakeFirstOrThrow();
		const inAccount = await server.db
			.selectFrom("users")
			.select((eb) => eb.fn.countAll<number>().as("n"))
			.where("primary_account_id", "=", account.id)
			.executeTakeFirstOrThrow();
		const { client } = await signedIn(server, {
			tenantSlug: "demo",
			roles: [{ key: "account_admin", contextType: "account", contextId: account.id }],
		});
		const dashboard = await client.dashboard.get.query();
		expect(dashboard.scope).toBe("accounts");
		expect(dashboard.users.total).toBe(inAccount.n);
		const { client: member } = await signedIn(server, { tenantSlug: "demo", roles: [{ key: "member" }] });
		await expectError(member.dashboard.get.query(), "FORBIDDEN");
	});
});
