import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import { enrolTotp, expectError, failure, signedIn, TENANT_ADMIN } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const admin = () => signedIn(server, TENANT_ADMIN);

describe("user detail with security information", () => {
	it("shows MFA methods, sessions, password age, lockout, roles and recent events, and no secret", async () => {
		const { client } = await admin();
		const { user: target, client: targetClient } = await signedIn(server, { roles: [{ key: "member" }] });
		const secret = (await enrolTotp(server, targetClient)).secret.base32;
		await targetClient.security.regenerateRecoveryCodes.mutate();
		await failure(
			server.client().auth.signIn.mutate({ tenant: "acme", email: target.email, password: "wrong-wrong-wrong" }),
		);
		await server.db
			.updateTable("sessions")
			.set({
				user_agent:
					"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
			})
			.where("user_id", "=", target.id)
			.execute();
		const { user: unlocker, client: adminClient } = await signedIn(server, {
			firstName: "Ada",
			lastName: "Lovelace",
			roles: [{ key: "tenant_admin" }],
		});
		await adminClient.users.unlock.mutate({ userId: target.id });
		const detail = await client.users.detail.query({ userId: target.id });
		expect(detail.mfa).toEqual({ enabled: true, preferred: "totp", methods: ["totp"], recoveryCodesRemaining: 10 });
		expect(detail.sessions).toHaveLength(1);
		expect(detail.sessions[0]).toMatchObject({ browser: "Chrome 131", os: "Windows 10" });
		// Events name their actor as people know them; the user's own sign-in names the user.
		const unlock = detail.recentEvents.find((event) => event.actorUserId === unlocker.id);
		expect(unlock?.actorName).toBe("Ada Lovelace");
		expect(detail.password).toMatchObject({ set: true, ageDays: 0 });
		expect(detail.password.expiresAt?.getTime()).toBe(server.clock.now().getTime() + 90 * 86_400_000);
		// The unlock above cleared the one failed attempt.
		expect(detail.lockout).toEqual({ failedAttempts: 0, lockedUntil: null });
		expect(detail.roles.map((r) => r.roleKey)).toEqual(["member"]);
		expect(detail.primaryAccount).toBeNull();
		expect(detail.recentEvents.map((e) => e.action)).toEqual(
			expect.arrayContaining(["auth.sign_in", "mfa.totp_enabled", "mfa.recovery_codes_regenerated"]),
		);
		const json = JSON.stringify(detail);
		expect(json).not.toContain(secret);
		expect(json).not.toMatch(/argon2|secret_ciphertext|token_hash|code_hash/);
	});

	it("names the user's primary account", async () => {
		const { client } = await admin();
		const tenantId = (
			await server.db.selectFrom("tenants").select("id").where("slug", "=", "acme").executeTakeFirstOrThrow()
		).id;
		const account = await server.db
			.insertInto("accounts")
			.values({ tenant_id: tenantId, name: "Northwind", parent_account_id: null })
			.returning("id")
			.executeTakeFirstOrThrow();
		const target = await server.seedUser({ primaryAccountId: account.id });
		const detail = await client.users.detail.query({ userId: target.id });
		expect(detail.primaryAccount).toEqual({ id: account.id, name: "Northwind" });
	});
});

describe("admin actions", () => {
	it("edits profile fields with the version it read; a stale version or a taken username conflicts", async () => {
		const { client } = await admin();
		const target = await server.seedUser({ firstName: "Old" });
		await server
			.seedUser({ email: "taken-username@example.com" })
			.then((u) => server.db.updateTable("users").set({ username: "taken" }).where("id", "=", u.id).execute());
		const updated = await client.users.update.mutate({
			userId: target.id,
			version: 1,
			firstName: "New",
			username: "new-name",
			language: "nl",
		});
		expect(updated).toMatchObject({ firstName: "New", username: "new-name", language: "nl", version: 2 });
		const stale = await expectError(
			client.users.update.mutate({ userId: target.id, version: 1, firstName: "Lost" }),
			"CONFLICT",
			"USER.VERSION_CONFLICT",
		);
		expect(stale.data?.currentVersion).toBe(2);
		await expectError(
			client.users.update.mutate({ userId: target.id, version: 2, username: "TAKEN" }),
			"CONFLICT",
			"USER.USERNAME_TAKEN",
		);
		const row = await server.db
			.selectFrom("users")
			.select(["first_name", "username", "version"])
			.where("id", "=", target.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ first_name: "New", username: "new-name", version: 2 });
	});

	it("resets MFA: factors gone, flags off, sessions ended, audited, user told", async () => {
		const { client } = await admin();
		const { user: target, client: targetClient } = await signedIn(server, { email: "reset-me@example.com" });
		await enrolTotp(server, targetClient);
		await client.users.resetMfa.mutate({ userId: target.id });
		await expectError(targetClient.me.get.query(), "UNAUTHORIZED");
		const row = await server.db
			.selectFrom("users")
			.select(["two_factor_enabled", "two_factor_type"])
			.where("id", "=", target.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ two_factor_enabled: false, two_factor_type: null });
		expect(
			await server.db.selectFrom("totp_credentials").select("user_id").where("user_id", "=", target.id).execute(),
		).toEqual([]);
		expect((await server.lastMessage(target.email))?.template).toBe("mfa_disabled");
		const again = server.client();
		expect(
			(await again.auth.signIn.mutate({ tenant: "acme", email: target.email, password: target.password })).status,
		).toBe("signed_in");
	});

	it("revokes sessions and unlocks a locked user", async () => {
		const { client } = await admin();
		const { user: target, client: targetClient } = await signedIn(server, {});
		expect((await client.users.revokeSessions.mutate({ userId: target.id })).revoked).toBe(1);
		await expectError(targetClient.me.get.query(), "UNAUTHORIZED");
		for (let i = 0; i < 10; i++)
			await failure(
				server.client().auth.signIn.mutate({ tenant: "acme", email: target.email, password: "nope-nope-nope" }),
			);
		expect((await client.users.detail.query({ userId: target.id })).lockout.lockedUntil).not.toBeNull();
		await client.users.unlock.mutate({ userId: target.id });
		expect(
			(await server.client().auth.signIn.mutate({ tenant: "acme", email: target.email, password: target.password }))
				.status,
		).toBe("signed_in");
	});

	it("reactivation forces a new password at the next sign-in", async () => {
		const { client } = await admin();
		const target = await server.seedUser();
		const inactive = await client.users.changeState.mutate({ userId: target.id, version: 1, to: "inactive" });
		await client.users.changeState.mutate({ userId: target.id, version: inactive.version, to: "active" });
		const result = await server
			.client()
			.auth.signIn.mutate({ tenant: "acme", email: target.email, password: target.password });
		expect(result).toMatchObject({ status: "password_change_required", reason: "required" });
	});

	it("bulk deactivation reports per user, and a stale version fails only that user", async () => {
		const { client } = await admin();
		const [a, b, c] = await Promise.all([server.seedUser(), server.seedUser(), server.seedUser()]);
		if (!a || !b || !c) throw new Error("seed failed");
		await server.db.updateTable("users").set({ version: 5 }).where("id", "=", c.id).execute();
		const results = await client.users.bulkChangeState.mutate({
			to: "inactive",
			users: [
				{ userId: a.id, version: 1 },
				{ userId: b.id, version: 1 },
				{ userId: c.id, version: 1 },
			],
		});
		expect(results).toEqual([
			{ userId: a.id, ok: true, code: null, version: 2 },
			{ userId: b.id, ok: true, code: null, version: 2 },
			{ userId: c.id, ok: false, code: "USER.VERSION_CONFLICT", version: null },
		]);
		await expectError(client.users.bulkChangeState.mutate({ to: "inactive", users: [] }), "BAD_REQUEST");
	});
});

describe("permission and tenant boundaries of admin actions", () => {
	it("a read-only auditor sees details but cannot act", async () => {
		const { client } = await signedIn(server, { roles: [{ key: "security_auditor" }] });
		const target = await server.seedUser();
		await client.users.detail.query({ userId: target.id });
		await expectError(client.users.update.mutate({ userId: target.id, version: 1, firstName: "X" }), "FORBIDDEN");
		await expectError(client.users.resetMfa.mutate({ userId: target.id }), "FORBIDDEN");
		await expectError(client.users.revokeSessions.mutate({ userId: target.id }), "FORBIDDEN");
		await expectError(client.users.unlock.mutate({ userId: target.id }), "FORBIDDEN");
		await expectError(
			client.users.bulkChangeState.mutate({ to: "inactive", users: [{ userId: target.id, version: 1 }] }),
			"FORBIDDEN",
		);
		expect(
			(await server.db.selectFrom("users").select("version").where("id", "=", target.id).executeTakeFirstOrThrow())
				.version,
		).toBe(1);
	});

	it("an admin of another tenant gets NOT_FOUND for every action and nothing changes", async () => {
		await server.createTenant("umbrella");
		const { client } = await signedIn(server, { tenantSlug: "umbrella", roles: [{ key: "tenant_admin" }] });
		const { user: target, client: targetClient } = await signedIn(server, {});
		const before = await server.db
			.selectFrom("users")
			.selectAll()
			.where("id", "=", target.id)
			.executeTakeFirstOrThrow();
		await expectError(client.users.detail.query({ userId: target.id }), "NOT_FOUND");
		await expectError(client.users.update.mutate({ userId: target.id, version: 1, firstName: "X" }), "NOT_FOUND");
		await expectError(client.users.resetMfa.mutate({ userId: target.id }), "NOT_FOUND");
		await expectError(client.users.revokeSessions.mutate({ userId: target.id }), "NOT_FOUND");
		await expectError(client.users.unlock.mutate({ userId: target.id }), "NOT_FOUND");
		await expectError(
			client.users.setRequiredActions.mutate({ userId: target.id, version: 1, actions: ["change_password"] }),
			"NOT_FOUND",
		);
		const bulk = await client.users.bulkChangeState.mutate({
			to: "inactive",
			users: [{ userId: target.id, version: 1 }],
		});
		expect(bulk[0]).toMatchObject({ ok: false, code: "USER.NOT_FOUND" });
		expect(
			await server.db.selectFrom("users").selectAll().where("id", "=", target.id).executeTakeFirstOrThrow(),
		).toEqual(before);
		await targetClient.me.get.query();
	});

	it("an account admin cannot move a user into an account they do not manage", async () => {
		const tenantId = await server.createTenant("acme");
		const [mine, other] = await server.db
			.insertInto("accounts")
			.values([
				{ tenant_id: tenantId, name: "Mine" },
				{ tenant_id: tenantId, name: "Other" },
			])
			.returning("id")
			.execute();
		if (!mine || !other) throw new Error("accounts");
		const { client } = await signedIn(server, {
			roles: [{ key: "account_admin", contextType: "account", contextId: mine.id }],
		});
		const target = await server.seedUser({ primaryAccountId: mine.id });
		await expectError(
			client.users.update.mutate({ userId: target.id, version: 1, primaryAccountId: other.id }),
			"NOT_FOUND",
		);
		await client.users.update.mutate({ userId: target.id, version: 1, firstName: "Mine still" });
	});
});
