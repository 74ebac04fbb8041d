/**
 * The privilege hierarchy (issue 10 item 2): nobody acts on a user who holds a permission the
 * actor does not hold where the user holds it. Every admin action on a user is tried by
 *
 * 1. an account administrator of account A on a tenant administrator whose primary account is A;
 * 2. a user manager (tenant-wide) on a tenant administrator;
 *
 * and must be refused without changing anything (user row, sessions, second factors, role
 * assignments, audit rows). A tenant administrator then makes the same calls and succeeds. Last,
 * `users.detail.actions` agrees with the mutations: what it refuses is refused, what it allows works.
 */
import type { TUserAdminAction } from "@tessera/core/users/user-admin.schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeedUserInput, startTestServer, type TestClient, type TestServer } from "../src/testing";
import { expectError, failure } from "./helpers";

let server: TestServer;
let tenantId: string;
let accountA: string;

beforeAll(async () => {
	server = await startTestServer();
	tenantId = (await server.db.selectFrom("tenants").select("id").where("slug", "=", "acme").executeTakeFirstOrThrow())
		.id;
	accountA = (
		await server.db
			.insertInto("accounts")
			.values({ tenant_id: tenantId, name: "Account A", parent_account_id: null })
			.returning("id")
			.executeTakeFirstOrThrow()
	).id;
});
afterAll(async () => {
	await server?.close();
});

async function signedIn(input: SeedUserInput) {
	const user = await server.seedUser(input);
	const client = server.client();
	await client.auth.signIn.mutate({ tenant: user.tenantSlug, email: user.email, password: user.password });
	return { user, client };
}

const accountAdminOfA = () =>
	signedIn({
		primaryAccountId: accountA,
		roles: [{ key: "account_admin", contextType: "account", contextId: accountA }],
	});
const userManager = () => signedIn({ roles: [{ key: "user_manager" }] });
const tenantAdmin = () => signedIn({ roles: [{ key: "tenant_admin" }] });

/**
 * A tenant administrator whose primary account is A, signed in (a live session), with failed
 * sign-ins (something to unlock) and also an account_admin assignment in A (something the
 * account admin could otherwise remove).
 */
async function tenantAdminTarget(state: "active" | "deleting" = "active") {
	const user = await server.seedUser({
		primaryAccountId: accountA,
		state,
		roles: [{ key: "tenant_admin" }, { key: "account_admin", contextType: "account", contextId: accountA }],
	});
	if (state === "active") {
		await server.client().auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password });
	}
	await server.db.updateTable("users").set({ failed_attempts: 3 }).where("id", "=", user.id).execute();
	return user;
}

/** Everything an admin action on the user could change. */
async function snapshot(userId: string) {
	const [user, sessions, assignments, audit] = await Promise.all([
		server.db
			.selectFrom("users")
			.select(["version", "state", "first_name", "required_actions", "failed_attempts", "planned_purge_at"])
			.where("id", "=", userId)
			.executeTakeFirstOrThrow(),
		server.db.selectFrom("sessions").select(["id", "revoked_at"]).where("user_id", "=", userId).orderBy("id").execute(),
		server.db
			.selectFrom("role_assignments")
			.select(["id", "role_id", "context_id"])
			.where("user_id", "=", userId)
			.orderBy("id")
			.execute(),
		server.db.selectFrom("audit_events").select("id").where("target_user_id", "=", userId).orderBy("id").execute(),
	]);
	return { user, sessions, assignments, audit };
}

async function roleId(key: string) {
	return (
		await server.db
			.selectFrom("roles")
			.select("id")
			.where("tenant_id", "=", tenantId)
			.where("key", "=", key)
			.executeTakeFirstOrThrow()
	).id;
}

async function accountAdminAssignmentOf(userId: string) {
	return (
		await server.db
			.selectFrom("role_assignments")
			.select("id")
			.where("user_id", "=", userId)
			.where("role_id", "=", await roleId("account_admin"))
			.executeTakeFirstOrThrow()
	).id;
}

type Target = Awaited<ReturnType<typeof tenantAdminTarget>>;
const versionOf = async (userId: string) =>
	(await server.db.selectFrom("users").select("version").where("id", "=", userId).executeTakeFirstOrThrow()).version;

/** Every admin action on a user, as a call on a fresh target (restore needs one pending deletion). */
const ACTIONS: { name: string; state?: "deleting"; call: (client: TestClient, target: Target) => Promise<unknown> }[] =
	[
		{
			name: "edit",
			call: async (c, t) =>
				c.users.update.mutate({ userId: t.id, version: await versionOf(t.id), firstName: "Mallory" }),
		},
		{
			name: "deactivate",
			call: async (c, t) =>
				c.users.changeState.mutate({ userId: t.id, version: await versionOf(t.id), to: "inactive" }),
		},
		{
			name: "delete",
			call: async (c, t) =>
				c.users.changeState.mutate({ userId: t.id, version: await versionOf(t.id), to: "deleting" }),
		},
		{
			name: "restore",
			state: "deleting",
			call: async (c, t) => c.users.restore.mutate({ userId: t.id, version: await versionOf(t.id) }),
		},
		{ name: "reset MFA", call: (c, t) => c.users.resetMfa.mutate({ userId: t.id }) },
		{
			name: "require a password change",
			call: async (c, t) =>
				c.users.setRequiredActions.mutate({
					userId: t.id,
					version: await versionOf(t.id),
					actions: ["change_password"],
				}),
		},
		{ name: "end sessions", call: (c, t) => c.users.revokeSessions.mutate({ userId: t.id }) },
		{ name: "unlock", call: (c, t) => c.users.unlock.mutate({ userId: t.id }) },
		{
			name: "assign a role",
			call: async (c, t) =>
				c.roles.assign.mutate({
					userId: t.id,
					roleId: await roleId("space_admin"),
					context: { type: "space", spaceId: await spaceOfA() },
				}),
		},
		{
			name: "remove a role",
			call: async (c, t) => c.roles.unassign.mutate({ assignmentId: await accountAdminAssignmentOf(t.id) }),
		},
	];

let space: string | undefined;
async function spaceOfA() {
	space ??= (
		await server.db
			.insertInto("spaces")
			.values({ tenant_id: tenantId, account_id: accountA, name: "Board" })
			.returning("id")
			.executeTakeFirstOrThrow()
	).id;
	return space;
}

describe("an account administrator on a tenant administrator of their account", () => {
	it.each(ACTIONS)("may not $name, and nothing changes", async ({ call, state }) => {
		const { client } = await accountAdminOfA();
		const target = await tenantAdminTarget(state);
		const before = await snapshot(target.id);
		const error = await expectError(call(client, target), "FORBIDDEN", "AUTHZ.TARGET_OUTRANKS_ACTOR");
		expect(error.message).toBe("This user holds permissions you do not have, so you cannot change their account.");
		expect(await snapshot(target.id)).toEqual(before);
	});

	it("may not deactivate them in bulk either", async () => {
		const { client } = await accountAdminOfA();
		const target = await tenantAdminTarget();
		const before = await snapshot(target.id);
		const results = await client.users.bulkChangeState.mutate({
			to: "inactive",
			users: [{ userId: target.id, version: await versionOf(target.id) }],
		});
		expect(results).toEqual([{ userId: target.id, ok: false, code: "AUTHZ.TARGET_OUTRANKS_ACTOR", version: null }]);
		expect(await snapshot(target.id)).toEqual(before);
	});

	it("still manages the members of their account", async () => {
		const { client } = await accountAdminOfA();
		const member = await server.seedUser({ primaryAccountId: accountA });
		await client.users.setRequiredActions.mutate({
			userId: member.id,
			version: await versionOf(member.id),
			actions: ["change_password"],
		});
		await client.users.changeState.mutate({ userId: member.id, version: await versionOf(member.id), to: "inactive" });
	});
});

describe("a user manager on a tenant administrator", () => {
	it.each(ACTIONS)("may not $name, and nothing changes", async ({ call, state }) => {
		const { client } = await userManager();
		const target = await tenantAdminTarget(state);
		const before = await snapshot(target.id);
		// Without users.delete or roles.manage the permission itself refuses first; otherwise the hierarchy.
		const error = await failure(call(client, target));
		expect(error.data?.code).toBe("FORBIDDEN");
		expect(["AUTHZ.TARGET_OUTRANKS_ACTOR", "AUTHZ.FORBIDDEN"]).toContain(error.data?.domainCode);
		expect(await snapshot(target.id)).toEqual(before);
	});

	it.each(["deactivate", "end sessions", "reset MFA", "require a password change", "unlock", "edit"])(
		"is refused by the hierarchy to %s",
		async (name) => {
			const { client } = await userManager();
			const target = await tenantAdminTarget();
			const action = ACTIONS.find((a) => a.name === name);
			if (!action) throw new Error(name);
			await expectError(action.call(client, target), "FORBIDDEN", "AUTHZ.TARGET_OUTRANKS_ACTOR");
		},
	);
});

describe("a tenant administrator on another tenant administrator", () => {
	it.each(ACTIONS)("may $name", async ({ call, state }) => {
		const { client } = await tenantAdmin();
		const target = await tenantAdminTarget(state);
		const before = await snapshot(target.id);
		await call(client, target);
		expect((await snapshot(target.id)).audit.length).toBe(before.audit.length + 1);
	});
});

describe("users.detail.actions agrees with the mutations", () => {
	/** The action each detail entry stands for, as a call; state the target must be in for it. */
	const CALLS: Partial<Record<TUserAdminAction, (typeof ACTIONS)[number]["name"]>> = {
		editProfile: "edit",
		deactivate: "deactivate",
		delete: "delete",
		restore: "restore",
		resetMfa: "reset MFA",
		forcePasswordChange: "require a password change",
		setRequiredActions: "require a password change",
		revokeSessions: "end sessions",
		unlock: "unlock",
		changeRoles: "remove a role",
	};

	it("tells an account administrator, before they try, that a tenant administrator outranks them", async () => {
		const { client } = await accountAdminOfA();
		const target = await tenantAdminTarget();
		const { actions } = await client.users.detail.query({ userId: target.id });
		for (const decision of Object.values(actions)) expect(decision.allowed).toBe(false);
		expect(actions.deactivate).toEqual({ allowed: false, reason: "target_outranks_actor" });
		expect(actions.changeRoles).toEqual({ allowed: false, reason: "target_outranks_actor" });
	});

	it("tells a user manager which permission is missing and where the hierarchy refuses", async () => {
		const { client } = await userManager();
		const target = await tenantAdminTarget();
		const { actions } = await client.users.detail.query({ userId: target.id });
		expect(actions.delete).toEqual({ allowed: false, reason: "missing_permission" });
		expect(actions.changeRoles).toEqual({ allowed: false, reason: "missing_permission" });
		expect(actions.unlock).toEqual({ allowed: false, reason: "target_outranks_actor" });
	});

	it("names state and no-op reasons for a tenant administrator", async () => {
		const { client } = await tenantAdmin();
		const target = await tenantAdminTarget();
		const { actions } = await client.users.detail.query({ userId: target.id });
		expect(actions.reactivate).toEqual({ allowed: false, reason: "not_applicable_in_state" });
		expect(actions.restore).toEqual({ allowed: false, reason: "not_applicable_in_state" });
		expect(actions.resetMfa).toEqual({ allowed: false, reason: "nothing_to_do" });
		expect(actions.deactivate).toEqual({ allowed: true, reason: null });
		expect(actions.unlock).toEqual({ allowed: true, reason: null });
	});

	it.each([
		["an account admin", accountAdminOfA],
		["a user manager", userManager],
		["a tenant admin", tenantAdmin],
	] as const)(
		"for %s, each allowed action succeeds and each action refused for who they are fails",
		async (_n, who) => {
			const { client } = await who();
			for (const [detailAction, callName] of Object.entries(CALLS)) {
				const action = ACTIONS.find((a) => a.name === callName);
				if (!action) throw new Error(callName);
				const target = await tenantAdminTarget(detailAction === "restore" ? "deleting" : "active");
				const decision = (await client.users.detail.query({ userId: target.id })).actions[
					detailAction as TUserAdminAction
				];
				const before = await snapshot(target.id);
				if (decision.allowed) {
					await action.call(client, target);
				} else if (decision.reason === "missing_permission" || decision.reason === "target_outranks_actor") {
					const error = await failure(action.call(client, target));
					expect(error.data?.code).toBe("FORBIDDEN");
					expect(await snapshot(target.id)).toEqual(before);
				}
			}
		},
	);

	it("a refused state move is refused by the mutation too", async () => {
		const { client } = await tenantAdmin();
		const target = await server.seedUser({ state: "inactive" });
		const { actions } = await client.users.detail.query({ userId: target.id });
		expect(actions.deactivate).toEqual({ allowed: false, reason: "not_applicable_in_state" });
		await expectError(
			client.users.changeState.mutate({ userId: target.id, version: await versionOf(target.id), to: "inactive" }),
			"CONFLICT",
			"USER.ILLEGAL_TRANSITION",
		);
		const deleting = await server.seedUser({ state: "deleting" });
		const pending = await client.users.detail.query({ userId: deleting.id });
		expect(pending.actions.deactivate.allowed).toBe(false);
		expect(pending.actions.restore.allowed).toBe(true);
		// Cancelling a deletion is restore's, under users.delete: not a deactivation.
		await expectError(
			client.users.changeState.mutate({ userId: deleting.id, version: await versionOf(deleting.id), to: "inactive" }),
			"CONFLICT",
			"USER.ILLEGAL_TRANSITION",
		);
	});
});

describe("roles.grantable: what the caller may grant where", () => {
	it("offers an account administrator their account's roles there, and nothing tenant-wide", async () => {
		const { client } = await accountAdminOfA();
		const answer = await client.roles.grantable.query({ purpose: "assign" });
		expect(answer.contexts.tenant).toBeNull();
		expect(answer.contexts.accounts.map((a) => a.id)).toEqual([accountA]);
		const accountAdminRole = await roleId("account_admin");
		const at = answer.grants.find((g) => g.roleId === accountAdminRole && g.contextId === accountA);
		expect(at).toMatchObject({ allowed: true, reason: null, withSubAccounts: false });
		expect(answer.grants.some((g) => g.contextType === "tenant")).toBe(false);
	});

	it("tells a tenant administrator every built-in role is grantable, and a user manager holds no roles.manage", async () => {
		const { client } = await tenantAdmin();
		const answer = await client.roles.grantable.query({ purpose: "assign" });
		const tenantGrants = answer.grants.filter((g) => g.contextType === "tenant");
		expect(tenantGrants.length).toBeGreaterThan(0);
		expect(tenantGrants.every((g) => g.allowed)).toBe(true);
		const { client: manager } = await userManager();
		await expectError(manager.roles.grantable.query({ purpose: "assign" }), "FORBIDDEN", "AUTHZ.FORBIDDEN");
		// Inviting works through invitations.manage: a user manager may invite with roles they hold all of.
		const invite = await manager.roles.grantable.query({ purpose: "invite" });
		const member = await roleId("member");
		const adminRole = await roleId("tenant_admin");
		expect(invite.grants.find((g) => g.roleId === member && g.contextType === "tenant")?.allowed).toBe(true);
		expect(invite.grants.find((g) => g.roleId === adminRole)).toMatchObject({ allowed: false, reason: "exceeds_own" });
		// Creating application users needs apikeys.manage somewhere, which a user manager lacks.
		await expectError(manager.roles.grantable.query({ purpose: "applicationUser" }), "FORBIDDEN", "AUTHZ.FORBIDDEN");
		const forApplications = await client.roles.grantable.query({ purpose: "applicationUser" });
		expect(forApplications.grants.find((g) => g.roleId === adminRole)?.allowed).toBe(true);
	});
});

describe("an invitation grants no more than its inviter holds", () => {
	it("refuses sub-account reach from an account administrator who has none, and allows it without", async () => {
		const { client } = await accountAdminOfA();
		const role = {
			roleId: await roleId("account_admin"),
			contextType: "account" as const,
			contextId: accountA,
		};
		await expectError(
			client.invitations.create.mutate({
				email: `reach-${Date.now()}@example.com`,
				primaryAccountId: accountA,
				role: { ...role, appliesToSubAccounts: true },
			}),
			"FORBIDDEN",
		);
		const invited = await client.invitations.create.mutate({
			email: `no-reach-${Date.now()}@example.com`,
			primaryAccountId: accountA,
			role: { ...role, appliesToSubAccounts: false },
		});
		expect(invited.role?.appliesToSubAccounts).toBe(false);
	});
});

describe("invitations.list says what the caller may do with each invitation", () => {
	it("resend and revoke while pending; neither once accepted", async () => {
		const { client } = await tenantAdmin();
		const email = `invitee-${Date.now()}@example.com`;
		const invitation = await client.invitations.create.mutate({ email });
		expect(invitation.actions).toEqual({ resend: true, revoke: true });
		await server.db
			.updateTable("invitations")
			.set({ accepted_at: server.clock.now() })
			.where("id", "=", invitation.id)
			.execute();
		const { items } = await client.invitations.list.query({ limit: 100 });
		expect(items.find((i) => i.id === invitation.id)?.actions).toEqual({ resend: false, revoke: false });
		await expectError(client.invitations.resend.mutate({ invitationId: invitation.id }), "CONFLICT");
	});
});
