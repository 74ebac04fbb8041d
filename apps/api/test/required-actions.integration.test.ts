import { sendPasswordExpiryReminders } from "@tessera/core/jobs/password-reminders.service";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import { expectError, signIn } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const DAY = 86_400_000;

describe("admin-set required actions", () => {
	it("forcing a password change ends the user's sessions and makes the next sign-in a password change", async () => {
		const admin = await server.seedUser({ roles: [{ key: "user_manager" }] });
		const target = await server.seedUser();
		const { client: adminClient } = await signIn(server, admin);
		const { client: targetClient } = await signIn(server, target);
		const user = await adminClient.users.get.query({ userId: target.id });
		const updated = await adminClient.users.setRequiredActions.mutate({
			userId: target.id,
			version: user.version,
			actions: ["change_password", "verify_email"],
		});
		expect(updated.version).toBe(user.version + 1);
		await expectError(targetClient.me.get.query(), "UNAUTHORIZED");
		const next = await signIn(server, target);
		expect(next.result).toMatchObject({ status: "password_change_required", reason: "required" });
		const done = await next.client.auth.flow.changePassword.mutate({ newPassword: "brisk-Canyon-pepper-58-anchor" });
		// The password step is done; verifying the email is still owed, so the session is restricted to it.
		expect(done).toMatchObject({ status: "signed_in", requiredActions: ["verify_email"] });
		await expectError(next.client.security.sessions.list.query(), "FORBIDDEN", "AUTH.REQUIRED_ACTIONS_PENDING");
		await next.client.security.email.sendVerification.mutate();
		await next.client.security.email.confirm.mutate({ code: await server.lastCode(target.email) });
		expect((await next.client.me.get.query()).requiredActions).toEqual([]);
		await next.client.security.sessions.list.query();
	});

	it("needs users.security on the target: members get FORBIDDEN, other tenants NOT_FOUND, nothing changes", async () => {
		const member = await server.seedUser({ roles: [{ key: "member" }] });
		await server.createTenant("initech");
		const foreignAdmin = await server.seedUser({ tenantSlug: "initech", roles: [{ key: "tenant_admin" }] });
		const target = await server.seedUser();
		const { client: memberClient } = await signIn(server, member);
		const { client: foreignClient } = await signIn(server, foreignAdmin);
		await expectError(
			memberClient.users.setRequiredActions.mutate({ userId: target.id, version: 1, actions: ["change_password"] }),
			"FORBIDDEN",
		);
		await expectError(
			foreignClient.users.setRequiredActions.mutate({ userId: target.id, version: 1, actions: ["change_password"] }),
			"NOT_FOUND",
		);
		const row = await server.db
			.selectFrom("users")
			.select(["required_actions", "version"])
			.where("id", "=", target.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ required_actions: [], version: 1 });
	});
});

describe("password expiry reminders", () => {
	it("sends the 14-, 7-, 3- and 1-day reminders once each, in the user's language", async () => {
		const tenantId = await server.createTenant("remind");
		const user = await server.seedUser({ tenantSlug: "remind", email: "remind@example.com", language: "de" });
		// Changed 77 days ago: 13 days left under the 90-day rule.
		await server.db
			.updateTable("users")
			.set({ password_changed_at: new Date(server.clock.now().getTime() - 77 * DAY) })
			.where("id", "=", user.id)
			.execute();
		const reminders = () =>
			server.db
				.selectFrom("outbox")
				.select(["template", "body"])
				.where("tenant_id", "=", tenantId)
				.where("template", "=", "password_expiry_reminder")
				.execute();

		expect(await sendPasswordExpiryReminders(server)).toBe(1);
		expect(await sendPasswordExpiryReminders(server)).toBe(0);
		expect((await reminders())[0]?.body).toMatch(/Passwort/);
		server.clock.advance(6 * DAY); // 7 days left
		expect(await sendPasswordExpiryReminders(server)).toBe(1);
		server.clock.advance(4 * DAY); // 3 days left
		expect(await sendPasswordExpiryReminders(server)).toBe(1);
		server.clock.advance(2 * DAY); // 1 day left
		expect(await sendPasswordExpiryReminders(server)).toBe(1);
		expect(await sendPasswordExpiryReminders(server)).toBe(0);
		server.clock.advance(2 * DAY); // expired: nothing more
		expect(await sendPasswordExpiryReminders(server)).toBe(0);
		expect(await reminders()).toHaveLength(4);
	});
});

describe("tenant security policy", () => {
	it("a tenant admin reads and changes it (audited); MFA for everyone then applies at the next sign-in", async () => {
		const tenantId = await server.createTenant("policyco");
		const admin = await server.seedUser({ tenantSlug: "policyco", roles: [{ key: "tenant_admin" }] });
		const { client } = await signIn(server, admin);
		const policy = await client.policy.get.query();
		expect(policy.password).toMatchObject({ minLength: 15, historyCount: 4, maxAgeDays: 90 });
		expect(policy.lockout).toEqual({ threshold: 10, durationMinutes: 30 });
		const updated = await client.policy.update.mutate({ mfa: { required: "all", gracePeriodDays: 0 } });
		expect(updated.mfa).toMatchObject({ required: "all", gracePeriodDays: 0 });
		const audit = await server.db
			.selectFrom("audit_events")
			.select("action")
			.where("tenant_id", "=", tenantId)
			.where("action", "=", "tenant.policy_updated")
			.execute();
		expect(audit).toHaveLength(1);

		const member = await server.seedUser({ tenantSlug: "policyco", roles: [{ key: "member" }] });
		const { result } = await signIn(server, member);
		expect(result).toMatchObject({ status: "signed_in", requiredActions: ["enroll_mfa"] });
	});

	it("refuses a weaker policy than the rules allow and changes nothing", async () => {
		await server.createTenant("strictco");
		const admin = await server.seedUser({ tenantSlug: "strictco", roles: [{ key: "tenant_admin" }] });
		const { client } = await signIn(server, admin);
		const error = await expectError(
			client.policy.update.mutate({ password: { minLength: 8 } }),
			"BAD_REQUEST",
			"VALIDATION",
		);
		expect(Object.keys(error.data?.fieldErrors ?? {}).join()).toContain("minLength");
		await expectError(client.policy.update.mutate({ password: { maxAgeDays: null } }), "BAD_REQUEST", "VALIDATION");
		expect((await client.policy.get.query()).password.minLength).toBe(15);
	});

	it("only a tenant-level grant may touch it: account admins and user managers are refused", async () => {
		const accountAdminTenant = await server.createTenant("acctco");
		const account = await server.db
			.insertInto("accounts")
			.values({ tenant_id: accountAdminTenant, name: "A" })
			.returning("id")
			.executeTakeFirstOrThrow();
		const accountAdmin = await server.seedUser({
			tenantSlug: "acctco",
			roles: [{ key: "account_admin", contextType: "account", contextId: account.id }],
		});
		const manager = await server.seedUser({ tenantSlug: "acctco", roles: [{ key: "user_manager" }] });
		for (const user of [accountAdmin, manager]) {
			const { client } = await signIn(server, user);
			await expectError(client.policy.update.mutate({ mfa: { required: "off" } }), "FORBIDDEN");
			await expectError(client.policy.get.query(), "FORBIDDEN");
		}
	});
});
