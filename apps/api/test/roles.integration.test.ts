/**
 * Role administration through the real client over HTTP: the catalogue, custom roles (create,
 * update, delete), assignments in a context, audit rows, and input validation.
 * Boundary and escalation attempts live in roles-boundaries.integration.test.ts.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { PERMISSIONS } from "@tessera/core/roles/permissions";
import type { ContextType } from "@tessera/db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestClient, type TestServer } from "../src/testing";
import {
	createAccount,
	createSpace,
	expectError,
	roleIdOf,
	roleRowsSnapshot,
	signedIn,
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

// ---------------------------------------------------------------------------------------------
// Fixtures

const uniqueKey = (prefix: string) => `${prefix}_${randomBytes(4).toString("hex")}`;

/** Runs `fn` and returns the audit rows it wrote. */
async function auditRowsOf(fn: () => Promise<unknown>) {
	const last = await server.db
		.selectFrom("audit_events")
		.select((eb) => eb.fn.coalesce(eb.fn.max("id"), eb.lit(0)).as("max"))
		.executeTakeFirstOrThrow();
	await fn();
	return server.db.selectFrom("audit_events").selectAll().where("id", ">", Number(last.max)).orderBy("id").execute();
}

async function assignmentsInDb(userId: string) {
	return server.db
		.selectFrom("role_assignments as ra")
		.innerJoin("roles as r", "r.id", "ra.role_id")
		.select(["r.key", "ra.context_type", "ra.context_id", "ra.applies_to_sub_accounts"])
		.where("ra.user_id", "=", userId)
		.orderBy("r.key")
		.execute();
}

// ---------------------------------------------------------------------------------------------

describe("roles.permissions and roles.list", () => {
	it("returns the catalogue with descriptions", async () => {
		const { client } = await signedIn(server, { roles: [{ key: "security_auditor" }] });
		const catalogue = await client.roles.permissions.query();
		expect(Object.fromEntries(catalogue.map((p) => [p.key, p.description]))).toEqual(PERMISSIONS);
	});

	it("lists built-in and custom roles with permissions, context type and assignment counts", async () => {
		const tenantId = await server.createTenant("listing");
		const { client } = await signedIn(server, { tenantSlug: "listing", roles: [{ key: "tenant_admin" }] });
		await server.seedUser({ tenantSlug: "listing", roles: [{ key: "user_manager" }] });
		await server.seedUser({ tenantSlug: "listing", roles: [{ key: "user_manager" }] });
		const custom = await client.roles.create.mutate({
			key: "helpdesk",
			name: "Helpdesk",
			description: "Reads users",
			contextType: "account",
			permissions: ["users.read"],
		});
		const roles = await client.roles.list.query();
		expect(roles.map((r) => r.key)).toEqual([
			"account_admin",
			"helpdesk",
			"member",
			"security_auditor",
			"space_admin",
			"tenant_admin",
			"user_manager",
		]);
		const byKey = Object.fromEntries(roles.map((r) => [r.key, r]));
		expect(byKey.user_manager).toMatchObject({ isBuiltin: true, contextType: "tenant", assignmentCount: 2 });
		expect(byKey.tenant_admin?.assignmentCount).toBe(1);
		expect(byKey.tenant_admin?.permissions).toEqual(Object.keys(PERMISSIONS).sort());
		expect(byKey.space_admin).toMatchObject({
			contextType: "space",
			permissions: ["invitations.manage", "roles.manage", "roles.read", "users.read"],
		});
		expect(byKey.helpdesk).toEqual({ ...custom, assignmentCount: 0 });
		expect(await client.roles.get.query({ roleId: custom.id })).toEqual(custom);
		expect(custom.id).toBe(await roleIdOf(server, tenantId, "helpdesk"));
	});

	it("needs roles.read somewhere; anonymous calls are UNAUTHORIZED", async () => {
		const { client } = await signedIn(server, { roles: [{ key: "member" }] });
		await expectError(client.roles.list.query(), "FORBIDDEN", "AUTHZ.FORBIDDEN");
		await expectError(client.roles.permissions.query(), "FORBIDDEN");
		await expectError(server.client().roles.list.query(), "UNAUTHORIZED");
	});

	it("an unknown role id is NOT_FOUND and a malformed one BAD_REQUEST", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		await expectError(
			client.roles.get.query({ roleId: "00000000-0000-4000-8000-000000000000" }),
			"NOT_FOUND",
			"ROLE.NOT_FOUND",
		);
		await expectError(client.roles.get.query({ roleId: "tenant_admin" }), "BAD_REQUEST");
	});
});

describe("custom roles", () => {
	it("creates, updates and deletes a custom role, one audit row each", async () => {
		const { user, client } = await signedIn(server, TENANT_ADMIN);
		const key = uniqueKey("support");
		let created: Awaited<ReturnType<TestClient["roles"]["create"]["mutate"]>> | undefined;
		const createRows = await auditRowsOf(async () => {
			created = await client.roles.create.mutate({
				key,
				name: "  Support  ",
				contextType: "account",
				permissions: ["users.write", "users.read"],
			});
		});
		if (!created) throw new Error("not created");
		expect(created).toMatchObject({
			key,
			name: "Support",
			description: "",
			contextType: "account",
			isBuiltin: false,
			permissions: ["users.read", "users.write"],
			assignmentCount: 0,
		});
		expect(createRows).toHaveLength(1);
		expect(createRows[0]).toMatchObject({
			action: "role.created",
			actor_user_id: user.id,
			target_user_id: null,
			outcome: "success",
			tenant_id: acmeId,
			details: { roleId: created.id, roleKey: key, permissions: ["users.read", "users.write"] },
		});
		expect(createRows[0]?.ip).toBeTruthy();

		const roleId = created.id;
		const revision = created.revision;
		let updated: typeof created | undefined;
		const updateRows = await auditRowsOf(async () => {
			updated = await client.roles.update.mutate({
				roleId,
				revision,
				name: "Support desk",
				permissions: ["users.read", "users.security"],
			});
		});
		expect(updated).toMatchObject({ name: "Support desk", permissions: ["users.read", "users.security"] });
		expect(updated?.revision).not.toBe(revision);
		expect(updateRows).toHaveLength(1);
		expect(updateRows[0]).toMatchObject({
			action: "role.updated",
			actor_user_id: user.id,
			details: {
				roleId,
				changes: {
					name: { from: "Support", to: "Support desk" },
					permissions: { from: ["users.read", "users.write"], to: ["users.read", "users.security"] },
				},
				addedPermissions: ["users.security"],
				removedPermissions: ["users.write"],
			},
		});

		const deleteRows = await auditRowsOf(async () => {
			expect(await client.roles.delete.mutate({ roleId })).toEqual({ roleId, removedAssignments: 0 });
		});
		expect(deleteRows).toHaveLength(1);
		expect(deleteRows[0]).toMatchObject({ action: "role.deleted", details: { roleId, roleKey: key, forced: false } });
		await expectError(client.roles.get.query({ roleId }), "NOT_FOUND", "ROLE.NOT_FOUND");
		expect(await server.db.selectFrom("role_permissions").selectAll().where("role_id", "=", roleId).execute()).toEqual(
			[],
		);
	});

	it("a taken key is a CONFLICT, built-in keys included, and nothing changes", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const key = uniqueKey("dup");
		await client.roles.create.mutate({ key, name: "One", contextType: "tenant", permissions: [] });
		const before = await roleRowsSnapshot(server);
		await expectError(
			client.roles.create.mutate({ key, name: "Two", contextType: "space", permissions: ["users.read"] }),
			"CONFLICT",
			"ROLE.KEY_TAKEN",
		);
		await expectError(
			client.roles.create.mutate({ key: "tenant_admin", name: "Fake", contextType: "tenant", permissions: [] }),
			"CONFLICT",
			"ROLE.KEY_TAKEN",
		);
		expect(await roleRowsSnapshot(server)).toEqual(before);
	});

	it("an update at a stale revision is a CONFLICT and is not applied", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const role = await client.roles.create.mutate({
			key: uniqueKey("stale"),
			name: "Original",
			contextType: "tenant",
			permissions: ["users.read"],
		});
		await client.roles.update.mutate({ roleId: role.id, revision: role.revision, description: "First edit" });
		const before = await roleRowsSnapshot(server);
		await expectError(
			client.roles.update.mutate({ roleId: role.id, revision: role.revision, name: "Lost update" }),
			"CONFLICT",
			"ROLE.REVISION_CONFLICT",
		);
		expect(await roleRowsSnapshot(server)).toEqual(before);
	});

	it("built-in roles are read-only", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const builtin = (await client.roles.list.query()).find((r) => r.key === "user_manager");
		if (!builtin) throw new Error("no user_manager");
		const before = await roleRowsSnapshot(server);
		await expectError(
			client.roles.update.mutate({ roleId: builtin.id, revision: builtin.revision, permissions: ["users.read"] }),
			"FORBIDDEN",
			"ROLE.BUILTIN_READ_ONLY",
		);
		await expectError(
			client.roles.delete.mutate({ roleId: builtin.id, force: true }),
			"FORBIDDEN",
			"ROLE.BUILTIN_READ_ONLY",
		);
		expect(await roleRowsSnapshot(server)).toEqual(before);
	});

	it("a role in use is deleted only with force, which removes its assignments; holders lose it at once", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const role = await client.roles.create.mutate({
			key: uniqueKey("readers"),
			name: "Readers",
			contextType: "tenant",
			permissions: ["users.read"],
		});
		const { user: holder, client: holderClient } = await signedIn(server, { roles: [{ key: role.key }] });
		const other = await server.seedUser({ roles: [{ key: role.key }] });
		await holderClient.users.get.query({ userId: other.id });

		const before = await roleRowsSnapshot(server);
		const error = await expectError(client.roles.delete.mutate({ roleId: role.id }), "CONFLICT", "ROLE.IN_USE");
		expect(error.message).toContain("2 times");
		expect(await roleRowsSnapshot(server)).toEqual(before);

		const rows = await auditRowsOf(async () => {
			expect(await client.roles.delete.mutate({ roleId: role.id, force: true })).toEqual({
				roleId: role.id,
				removedAssignments: 2,
			});
		});
		expect(rows).toHaveLength(1);
		expect(rows[0]?.details).toMatchObject({ forced: true, removedAssignmentCount: 2 });
		expect(
			((rows[0]?.details ?? {}) as { removedAssignments?: { userId: string }[] }).removedAssignments
				?.map((a) => a.userId)
				.sort(),
		).toEqual([holder.id, other.id].sort());
		expect(await assignmentsInDb(holder.id)).toEqual([]);
		await expectError(holderClient.users.get.query({ userId: other.id }), "FORBIDDEN");
	});

	it("open invitations that grant the role block its deletion, even with force", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const role = await client.roles.create.mutate({
			key: uniqueKey("invited"),
			name: "Invited",
			contextType: "tenant",
			permissions: [],
		});
		const invitee = await server.seedUser({ state: "create" });
		await server.db
			.insertInto("invitations")
			.values({
				tenant_id: acmeId,
				user_id: invitee.id,
				email: invitee.email,
				token_hash: randomBytes(16).toString("hex"),
				role_id: role.id,
				context_type: "tenant",
				context_id: acmeId,
				created_at: server.clock.now(),
				expires_at: new Date(server.clock.now().getTime() + 86_400_000),
			})
			.execute();
		const before = await roleRowsSnapshot(server);
		await expectError(
			client.roles.delete.mutate({ roleId: role.id, force: true }),
			"CONFLICT",
			"ROLE.PENDING_INVITATIONS",
		);
		expect(await roleRowsSnapshot(server)).toEqual(before);
	});

	it("an edited role applies to its holders on their next request", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const role = await client.roles.create.mutate({
			key: uniqueKey("grow"),
			name: "Grows",
			contextType: "tenant",
			permissions: ["roles.read"],
		});
		const { client: holder } = await signedIn(server, { roles: [{ key: role.key }] });
		const target = await server.seedUser();
		await expectError(holder.users.get.query({ userId: target.id }), "FORBIDDEN");
		await client.roles.update.mutate({
			roleId: role.id,
			revision: role.revision,
			permissions: ["roles.read", "users.read"],
		});
		expect((await holder.users.get.query({ userId: target.id })).id).toBe(target.id);
	});

	it.each([
		["an unknown permission", { key: "x_role", name: "X", contextType: "tenant", permissions: ["users.godmode"] }],
		["an unknown key", { key: "x_role", name: "X", contextType: "tenant", permissions: [], isBuiltin: true }],
		[
			"a duplicated permission",
			{ key: "x_role", name: "X", contextType: "tenant", permissions: ["users.read", "users.read"] },
		],
		["a key that is not a slug", { key: "X Role!", name: "X", contextType: "tenant", permissions: [] }],
		["an empty name", { key: "x_role", name: "   ", contextType: "tenant", permissions: [] }],
		["an unknown context type", { key: "x_role", name: "X", contextType: "galaxy", permissions: [] }],
		["a name with control characters", { key: "x_role", name: "X\u202E", contextType: "tenant", permissions: [] }],
	])("create with %s is BAD_REQUEST and changes nothing", async (_name, input) => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const before = await roleRowsSnapshot(server);
		await expectError(client.roles.create.mutate(unsafeInput(input)), "BAD_REQUEST", "VALIDATION");
		expect(await roleRowsSnapshot(server)).toEqual(before);
	});

	it("update with bad input is BAD_REQUEST and changes nothing", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const role = await client.roles.create.mutate({
			key: uniqueKey("strict"),
			name: "Strict",
			contextType: "tenant",
			permissions: [],
		});
		const before = await roleRowsSnapshot(server);
		for (const input of [
			{ roleId: role.id, revision: role.revision, permissions: ["nope"] },
			{ roleId: role.id, revision: role.revision, contextType: "space" },
			{ roleId: role.id, revision: role.revision, key: "renamed" },
			{ roleId: role.id, revision: role.revision },
			{ roleId: "not-a-uuid", revision: role.revision, name: "X" },
		]) {
			await expectError(client.roles.update.mutate(unsafeInput(input)), "BAD_REQUEST");
		}
		await expectError(client.roles.delete.mutate(unsafeInput({ roleId: role.id, force: "yes" })), "BAD_REQUEST");
		expect(await roleRowsSnapshot(server)).toEqual(before);
	});
});

describe("assignments", () => {
	it("assigns in the tenant, an account and a space; lists them with labels; removes them; one audit row each", async () => {
		const { user: admin, client } = await signedIn(server, TENANT_ADMIN);
		const account = await createAccount(server, acmeId, "Northwind");
		const space = await createSpace(server, acmeId, account, "Design space");
		const target = await server.seedUser({ primaryAccountId: account });

		const results: { id: string }[] = [];
		const contexts = [
			{ roleKey: "user_manager", context: { type: "tenant" as const } },
			{
				roleKey: "account_admin",
				context: { type: "account" as const, accountId: account, appliesToSubAccounts: true },
			},
			{ roleKey: "space_admin", context: { type: "space" as const, spaceId: space } },
		];
		for (const { roleKey, context } of contexts) {
			const roleId = await roleIdOf(server, acmeId, roleKey);
			const rows = await auditRowsOf(async () => {
				results.push(await client.roles.assign.mutate({ userId: target.id, roleId, context }));
			});
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({
				action: "role.assigned",
				actor_user_id: admin.id,
				target_user_id: target.id,
				outcome: "success",
				details: { roleId, roleKey, contextType: context.type },
			});
		}

		const listed = await client.roles.assignments.query({ userId: target.id });
		expect(listed.map((a) => [a.roleKey, a.contextType, a.contextId, a.contextLabel, a.appliesToSubAccounts])).toEqual([
			["account_admin", "account", account, "Northwind", true],
			["space_admin", "space", space, "Design space", false],
			["user_manager", "tenant", acmeId, "acme Inc.", false],
		]);
		expect(listed.map((a) => a.id).sort()).toEqual(results.map((r) => r.id).sort());

		for (const assignment of listed) {
			const rows = await auditRowsOf(async () => {
				const removed = await client.roles.unassign.mutate({ assignmentId: assignment.id });
				expect(removed).toEqual(assignment);
			});
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({
				action: "role.unassigned",
				actor_user_id: admin.id,
				target_user_id: target.id,
				details: { assignmentId: assignment.id, roleKey: assignment.roleKey },
			});
		}
		expect(await client.roles.assignments.query({ userId: target.id })).toEqual([]);
		await expectError(
			client.roles.unassign.mutate({ assignmentId: listed[0]?.id ?? "" }),
			"NOT_FOUND",
			"ROLE.ASSIGNMENT_NOT_FOUND",
		);
	});

	it.each([
		["a space role in an account", "space_admin", "account"],
		["an account role in a space", "account_admin", "space"],
		["a tenant role in an account", "user_manager", "account"],
		["a tenant role in a space", "security_auditor", "space"],
		["an account role in the tenant", "account_admin", "tenant"],
	] as const)("refuses %s and changes nothing", async (_name, roleKey, contextType: ContextType) => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const account = await createAccount(server, acmeId, "Ctx");
		const space = await createSpace(server, acmeId, account, "Ctx space");
		const target = await server.seedUser({ primaryAccountId: account });
		const context =
			contextType === "tenant"
				? { type: "tenant" as const }
				: contextType === "account"
					? { type: "account" as const, accountId: account }
					: { type: "space" as const, spaceId: space };
		const before = await roleRowsSnapshot(server);
		await expectError(
			client.roles.assign.mutate({ userId: target.id, roleId: await roleIdOf(server, acmeId, roleKey), context }),
			"BAD_REQUEST",
			"ROLE.CONTEXT_TYPE_MISMATCH",
		);
		expect(await roleRowsSnapshot(server)).toEqual(before);
	});

	it("a duplicate assignment is a CONFLICT; a user being deleted gets no roles", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const target = await server.seedUser();
		const roleId = await roleIdOf(server, acmeId, "security_auditor");
		await client.roles.assign.mutate({ userId: target.id, roleId, context: { type: "tenant" } });
		const before = await roleRowsSnapshot(server);
		await expectError(
			client.roles.assign.mutate({ userId: target.id, roleId, context: { type: "tenant" } }),
			"CONFLICT",
			"ROLE.ALREADY_ASSIGNED",
		);
		for (const state of ["deleting", "deleted"] as const) {
			const gone = await server.seedUser({ state });
			await expectError(
				client.roles.assign.mutate({ userId: gone.id, roleId, context: { type: "tenant" } }),
				"CONFLICT",
				"ROLE.ASSIGNEE_DELETED",
			);
		}
		const after = await roleRowsSnapshot(server);
		expect(after.assignments).toEqual(before.assignments);
		expect(after.audit).toBe(before.audit);
	});

	it("an assigned role works on the next request, and stops working once removed", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const { user, client: userClient } = await signedIn(server, { roles: [{ key: "member" }] });
		const someone = await server.seedUser();
		await expectError(userClient.users.get.query({ userId: someone.id }), "FORBIDDEN");
		const assignment = await client.roles.assign.mutate({
			userId: user.id,
			roleId: await roleIdOf(server, acmeId, "security_auditor"),
			context: { type: "tenant" },
		});
		expect((await userClient.users.get.query({ userId: someone.id })).id).toBe(someone.id);
		await client.roles.unassign.mutate({ assignmentId: assignment.id });
		await expectError(userClient.users.get.query({ userId: someone.id }), "FORBIDDEN");
	});

	it("the last active tenant administrator cannot be removed", async () => {
		const tenantId = await server.createTenant("lonely");
		const { user: admin, client } = await signedIn(server, { tenantSlug: "lonely", roles: [{ key: "tenant_admin" }] });
		// A second admin who cannot act does not count: the tenant would still be locked out.
		const inactive = await server.seedUser({
			tenantSlug: "lonely",
			state: "inactive",
			roles: [{ key: "tenant_admin" }],
		});
		const [own] = (await client.roles.assignments.query({ userId: admin.id })).filter(
			(a) => a.roleKey === "tenant_admin",
		);
		if (!own) throw new Error("no own assignment");
		const before = await roleRowsSnapshot(server);
		const error = await expectError(
			client.roles.unassign.mutate({ assignmentId: own.id }),
			"CONFLICT",
			"ROLE.LAST_TENANT_ADMIN",
		);
		expect(error.message).toContain("last active tenant administrator");
		expect(await roleRowsSnapshot(server)).toEqual(before);

		// With a second active admin, either may go, but not both.
		const second = await server.seedUser({ tenantSlug: "lonely", roles: [{ key: "tenant_admin" }] });
		await client.roles.unassign.mutate({ assignmentId: own.id });
		const { client: secondClient } = await (async () => {
			const c = server.client();
			await c.auth.signIn.mutate({ tenant: "lonely", email: second.email, password: second.password });
			return { client: c };
		})();
		const [secondOwn] = await secondClient.roles.assignments.query({ userId: second.id });
		if (!secondOwn) throw new Error("no assignment");
		await expectError(
			secondClient.roles.unassign.mutate({ assignmentId: secondOwn.id }),
			"CONFLICT",
			"ROLE.LAST_TENANT_ADMIN",
		);
		// The inactive admin's own assignment may be removed: the active one remains.
		const [inactiveOwn] = await secondClient.roles.assignments.query({ userId: inactive.id });
		await secondClient.roles.unassign.mutate({ assignmentId: inactiveOwn?.id ?? "" });
		expect(await assignmentsInDb(second.id)).toEqual([
			{ key: "tenant_admin", context_type: "tenant", context_id: tenantId, applies_to_sub_accounts: false },
		]);
	});

	it.each([
		["an invalid user uuid", (roleId: string) => ({ userId: "1 or 1=1", roleId, context: { type: "tenant" } })],
		["an invalid role uuid", () => ({ userId: randomUUID(), roleId: "admin", context: { type: "tenant" } })],
		[
			"sub-account reach on a space",
			(roleId: string) => ({
				userId: randomUUID(),
				roleId,
				context: { type: "space", spaceId: randomUUID(), appliesToSubAccounts: true },
			}),
		],
		[
			"an unknown key",
			(roleId: string) => ({ userId: randomUUID(), roleId, context: { type: "tenant" }, tenantId: "x" }),
		],
		[
			"a context id on the tenant",
			(roleId: string) => ({ userId: randomUUID(), roleId, context: { type: "tenant", contextId: "x" } }),
		],
		["an unknown context type", (roleId: string) => ({ userId: randomUUID(), roleId, context: { type: "org" } })],
		["a missing context", (roleId: string) => ({ userId: randomUUID(), roleId })],
	])("assign with %s is BAD_REQUEST and changes nothing", async (_name, build) => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const before = await roleRowsSnapshot(server);
		const input = build(await roleIdOf(server, acmeId, "user_manager"));
		await expectError(client.roles.assign.mutate(unsafeInput(input)), "BAD_REQUEST", "VALIDATION");
		await expectError(client.roles.unassign.mutate(unsafeInput({ assignmentId: "x" })), "BAD_REQUEST");
		await expectError(client.roles.assignments.query(unsafeInput({ userId: 42 })), "BAD_REQUEST");
		expect(await roleRowsSnapshot(server)).toEqual(before);
	});
});
