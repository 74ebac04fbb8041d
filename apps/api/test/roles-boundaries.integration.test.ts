/**
 * Attempts to cross the role-administration boundaries (SECURITY Z01, Z02, Z03, Z06): context
 * permissions, privilege escalation, sub-account reach, and ids of another tenant. Every refused
 * call is followed by a check that no role, permission, assignment or audit row changed.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import {
	createAccount,
	createSpace,
	expectError,
	insertCustomRole,
	roleIdOf,
	roleRowsSnapshot,
	signedIn,
} from "./helpers";

let server: TestServer;
let acmeId: string;
let globexId: string;
// acme: parent ⊃ child (sub-account), sibling; a space in parent and one in sibling.
let parent: string;
let child: string;
let sibling: string;
let parentSpace: string;
let siblingSpace: string;
// globex: an account and a space of the other tenant.
let globexAccount: string;
let globexSpace: string;

beforeAll(async () => {
	server = await startTestServer();
	acmeId = await server.createTenant("acme");
	globexId = await server.createTenant("globex");
	parent = await createAccount(server, acmeId, "Parent");
	child = await createAccount(server, acmeId, "Child", parent);
	sibling = await createAccount(server, acmeId, "Sibling");
	parentSpace = await createSpace(server, acmeId, parent, "Parent space");
	siblingSpace = await createSpace(server, acmeId, sibling, "Sibling space");
	globexAccount = await createAccount(server, globexId, "Globex account");
	globexSpace = await createSpace(server, globexId, globexAccount, "Globex space");
});
afterAll(async () => {
	await server?.close();
});

/** Asserts the call fails with `code` (and `domainCode`) and that nothing changed. */
async function refused(call: () => Promise<unknown>, code: string, domainCode?: string) {
	const before = await roleRowsSnapshot(server);
	await expectError(call(), code, domainCode);
	expect(await roleRowsSnapshot(server)).toEqual(before);
}

const accountCtx = (accountId: string, appliesToSubAccounts = false) => ({
	type: "account" as const,
	accountId,
	appliesToSubAccounts,
});
const spaceCtx = (spaceId: string) => ({ type: "space" as const, spaceId });

describe("deny by default (Z01)", () => {
	it("every roles procedure refuses an anonymous caller", async () => {
		const anonymous = server.client();
		const id = randomUUID();
		const calls: [string, () => Promise<unknown>][] = [
			["permissions", () => anonymous.roles.permissions.query()],
			["list", () => anonymous.roles.list.query()],
			["get", () => anonymous.roles.get.query({ roleId: id })],
			[
				"create",
				() => anonymous.roles.create.mutate({ key: "x_y", name: "X", contextType: "tenant", permissions: [] }),
			],
			["update", () => anonymous.roles.update.mutate({ roleId: id, revision: "r", name: "X" })],
			["delete", () => anonymous.roles.delete.mutate({ roleId: id })],
			["assignments", () => anonymous.roles.assignments.query({ userId: id })],
			["assign", () => anonymous.roles.assign.mutate({ userId: id, roleId: id, context: { type: "tenant" } })],
			["unassign", () => anonymous.roles.unassign.mutate({ assignmentId: id })],
		];
		for (const [, call] of calls) await refused(call, "UNAUTHORIZED");
	});

	it("a member with no role permissions is FORBIDDEN everywhere", async () => {
		const { user, client } = await signedIn(server, { roles: [{ key: "member" }] });
		const roleId = await roleIdOf(server, acmeId, "tenant_admin");
		await refused(() => client.roles.list.query(), "FORBIDDEN");
		await refused(() => client.roles.assignments.query({ userId: user.id }), "FORBIDDEN");
		await refused(
			() => client.roles.assign.mutate({ userId: user.id, roleId, context: { type: "tenant" } }),
			"FORBIDDEN",
			"AUTHZ.FORBIDDEN",
		);
		await refused(
			() => client.roles.create.mutate({ key: "mine", name: "Mine", contextType: "tenant", permissions: [] }),
			"FORBIDDEN",
		);
	});
});

describe("roles are assigned only in their context, by someone who holds it there (Z03)", () => {
	it("a space admin grants an account-level role → FORBIDDEN", async () => {
		const { client } = await signedIn(server, {
			roles: [{ key: "space_admin", contextType: "space", contextId: parentSpace }],
		});
		const target = await server.seedUser({ primaryAccountId: parent });
		await refused(
			async () =>
				client.roles.assign.mutate({
					userId: target.id,
					roleId: await roleIdOf(server, acmeId, "account_admin"),
					context: accountCtx(parent),
				}),
			"FORBIDDEN",
			"AUTHZ.FORBIDDEN",
		);
	});

	it("a user grants themselves admin → FORBIDDEN", async () => {
		const { user: spaceAdmin, client: spaceClient } = await signedIn(server, {
			roles: [{ key: "space_admin", contextType: "space", contextId: parentSpace }],
		});
		await refused(
			async () =>
				spaceClient.roles.assign.mutate({
					userId: spaceAdmin.id,
					roleId: await roleIdOf(server, acmeId, "tenant_admin"),
					context: { type: "tenant" },
				}),
			"FORBIDDEN",
		);
		const { user: accountAdmin, client: accountClient } = await signedIn(server, {
			primaryAccountId: parent,
			roles: [{ key: "account_admin", contextType: "account", contextId: parent }],
		});
		await refused(
			async () =>
				accountClient.roles.assign.mutate({
					userId: accountAdmin.id,
					roleId: await roleIdOf(server, acmeId, "tenant_admin"),
					context: { type: "tenant" },
				}),
			"FORBIDDEN",
			"AUTHZ.FORBIDDEN",
		);
		// Widening one's own reach to the sub-accounts is raising one's privileges too.
		await refused(
			async () =>
				accountClient.roles.assign.mutate({
					userId: accountAdmin.id,
					roleId: await roleIdOf(server, acmeId, "account_admin"),
					context: accountCtx(parent, true),
				}),
			"FORBIDDEN",
			"AUTHZ.FORBIDDEN",
		);
		// A custom account role with a permission the account admin lacks.
		const apiKeys = await insertCustomRole(server, acmeId, "acct_keys_self", "account", [
			"users.read",
			"apikeys.manage",
		]);
		await refused(
			() =>
				accountClient.roles.assign.mutate({ userId: accountAdmin.id, roleId: apiKeys, context: accountCtx(parent) }),
			"FORBIDDEN",
			"ROLE.SELF_ESCALATION",
		);
		// A tenant user manager (no roles.manage) cannot give themselves anything either.
		const { user: manager, client: managerClient } = await signedIn(server, { roles: [{ key: "user_manager" }] });
		await refused(
			async () =>
				managerClient.roles.assign.mutate({
					userId: manager.id,
					roleId: await roleIdOf(server, acmeId, "tenant_admin"),
					context: { type: "tenant" },
				}),
			"FORBIDDEN",
			"AUTHZ.FORBIDDEN",
		);
	});

	it("an account admin assigns in their account, in sub-accounts only with reach, never in a sibling", async () => {
		const roleId = await roleIdOf(server, acmeId, "account_admin");
		const inParent = await server.seedUser({ primaryAccountId: parent });
		const inChild = await server.seedUser({ primaryAccountId: child });
		const inSibling = await server.seedUser({ primaryAccountId: sibling });

		const { client: narrow } = await signedIn(server, {
			roles: [{ key: "account_admin", contextType: "account", contextId: parent }],
		});
		const ok = await narrow.roles.assign.mutate({ userId: inParent.id, roleId, context: accountCtx(parent) });
		expect(ok).toMatchObject({ contextType: "account", contextId: parent, contextLabel: "Parent" });
		// A space role in a space of their account is theirs to give as well.
		await narrow.roles.assign.mutate({
			userId: inParent.id,
			roleId: await roleIdOf(server, acmeId, "space_admin"),
			context: spaceCtx(parentSpace),
		});
		await refused(
			() => narrow.roles.assign.mutate({ userId: inChild.id, roleId, context: accountCtx(child) }),
			"FORBIDDEN",
			"AUTHZ.FORBIDDEN",
		);
		await refused(
			() => narrow.roles.assign.mutate({ userId: inParent.id, roleId, context: accountCtx(sibling) }),
			"FORBIDDEN",
		);
		await refused(
			async () =>
				narrow.roles.assign.mutate({
					userId: inParent.id,
					roleId: await roleIdOf(server, acmeId, "space_admin"),
					context: spaceCtx(siblingSpace),
				}),
			"FORBIDDEN",
		);
		// A user of another account stays invisible, even in the admin's own account (Z06).
		await refused(
			() => narrow.roles.assign.mutate({ userId: inSibling.id, roleId, context: accountCtx(parent) }),
			"NOT_FOUND",
			"USER.NOT_FOUND",
		);
		await refused(() => narrow.roles.assignments.query({ userId: inSibling.id }), "NOT_FOUND");

		const { client: wide } = await signedIn(server, {
			roles: [{ key: "account_admin", contextType: "account", contextId: parent, appliesToSubAccounts: true }],
		});
		const inSub = await wide.roles.assign.mutate({ userId: inChild.id, roleId, context: accountCtx(child) });
		expect(inSub).toMatchObject({ contextId: child, contextLabel: "Child" });
		const alsoInParent = await server.seedUser({ primaryAccountId: parent });
		await wide.roles.assign.mutate({ userId: alsoInParent.id, roleId, context: accountCtx(parent, true) });
		await refused(
			() => wide.roles.assign.mutate({ userId: inSibling.id, roleId, context: accountCtx(sibling) }),
			"FORBIDDEN",
		);
		// The narrow admin may not remove an assignment with reach beyond their own.
		const [withReach] = (await wide.roles.assignments.query({ userId: alsoInParent.id })).filter(
			(a) => a.appliesToSubAccounts,
		);
		if (!withReach) throw new Error("no assignment with reach");
		await refused(() => narrow.roles.unassign.mutate({ assignmentId: withReach.id }), "FORBIDDEN");
		await wide.roles.unassign.mutate({ assignmentId: withReach.id });
	});

	it("nobody grants, or strips, a role with a permission they lack", async () => {
		const keysRole = await insertCustomRole(server, acmeId, "acct_keys", "account", ["users.read", "apikeys.manage"]);
		const { client } = await signedIn(server, {
			roles: [{ key: "account_admin", contextType: "account", contextId: parent }],
		});
		const target = await server.seedUser({ primaryAccountId: parent });
		const error = await expectError(
			client.roles.assign.mutate({ userId: target.id, roleId: keysRole, context: accountCtx(parent) }),
			"FORBIDDEN",
			"ROLE.GRANT_EXCEEDS_OWN",
		);
		expect(error.message).toContain("apikeys.manage");

		// Someone above gave it; the account admin cannot take it away either.
		const { client: tenantAdmin } = await signedIn(server, { roles: [{ key: "tenant_admin" }] });
		const given = await tenantAdmin.roles.assign.mutate({
			userId: target.id,
			roleId: keysRole,
			context: accountCtx(parent),
		});
		await refused(
			() => client.roles.unassign.mutate({ assignmentId: given.id }),
			"FORBIDDEN",
			"ROLE.GRANT_EXCEEDS_OWN",
		);
	});

	it("a tenant-level role manager defines and edits roles only within the permissions they hold", async () => {
		await insertCustomRole(server, acmeId, "role_manager", "tenant", ["roles.read", "roles.manage", "users.read"]);
		const { client } = await signedIn(server, { roles: [{ key: "role_manager" }] });
		await refused(
			() =>
				client.roles.create.mutate({
					key: "auditors",
					name: "Auditors",
					contextType: "tenant",
					permissions: ["users.read", "audit.read"],
				}),
			"FORBIDDEN",
			"ROLE.GRANT_EXCEEDS_OWN",
		);
		const ok = await client.roles.create.mutate({
			key: "readers_only",
			name: "Readers",
			contextType: "tenant",
			permissions: ["users.read"],
		});
		await refused(
			() => client.roles.update.mutate({ roleId: ok.id, revision: ok.revision, permissions: ["users.write"] }),
			"FORBIDDEN",
			"ROLE.GRANT_EXCEEDS_OWN",
		);
		// A role holding more than the editor cannot be renamed or deleted by them.
		const bigger = await insertCustomRole(server, acmeId, "bigger", "tenant", ["audit.read"]);
		const biggerRole = await client.roles.get.query({ roleId: bigger });
		await refused(
			() => client.roles.update.mutate({ roleId: bigger, revision: biggerRole.revision, name: "Smaller" }),
			"FORBIDDEN",
			"ROLE.GRANT_EXCEEDS_OWN",
		);
		await refused(() => client.roles.delete.mutate({ roleId: bigger }), "FORBIDDEN", "ROLE.GRANT_EXCEEDS_OWN");

		// Account-level roles.manage is not enough to define tenant-wide objects.
		const { client: accountAdmin } = await signedIn(server, {
			roles: [{ key: "account_admin", contextType: "account", contextId: parent }],
		});
		await refused(
			() =>
				accountAdmin.roles.create.mutate({
					key: "acct_readers",
					name: "Readers",
					contextType: "account",
					permissions: ["users.read"],
				}),
			"FORBIDDEN",
			"AUTHZ.FORBIDDEN",
		);
	});

	it("a space admin manages the roles of their space's people, and sees nobody else", async () => {
		const spaceAdminRole = await roleIdOf(server, acmeId, "space_admin");
		const spaceMemberRole = await insertCustomRole(server, acmeId, "space_reader", "space", [
			"users.read",
			"roles.read",
		]);
		const { client: tenantAdmin } = await signedIn(server, { roles: [{ key: "tenant_admin" }] });
		const member = await server.seedUser({ primaryAccountId: sibling });
		const outsider = await server.seedUser({ primaryAccountId: parent });
		await tenantAdmin.roles.assign.mutate({
			userId: member.id,
			roleId: spaceMemberRole,
			context: spaceCtx(parentSpace),
		});

		const { client } = await signedIn(server, {
			roles: [{ key: "space_admin", contextType: "space", contextId: parentSpace }],
		});
		const promoted = await client.roles.assign.mutate({
			userId: member.id,
			roleId: spaceAdminRole,
			context: spaceCtx(parentSpace),
		});
		const visible = await client.roles.assignments.query({ userId: member.id });
		expect(visible.map((a) => [a.roleKey, a.contextId])).toEqual([
			["space_admin", parentSpace],
			["space_reader", parentSpace],
		]);
		await client.roles.unassign.mutate({ assignmentId: promoted.id });
		await refused(
			() => client.roles.assign.mutate({ userId: outsider.id, roleId: spaceAdminRole, context: spaceCtx(parentSpace) }),
			"NOT_FOUND",
			"USER.NOT_FOUND",
		);
		await refused(() => client.roles.assignments.query({ userId: outsider.id }), "NOT_FOUND");
	});
});

describe("ids of another tenant behave as non-existent (Z02)", () => {
	it("assign, unassign, get, update, delete and list with globex ids → NOT_FOUND, nothing changed", async () => {
		const { user: acmeAdmin, client } = await signedIn(server, { roles: [{ key: "tenant_admin" }] });
		const { client: globexAdmin } = await signedIn(server, { tenantSlug: "globex", roles: [{ key: "tenant_admin" }] });
		const globexUser = await server.seedUser({ tenantSlug: "globex", primaryAccountId: globexAccount });
		const globexRole = await globexAdmin.roles.create.mutate({
			key: "globex_only",
			name: "Globex only",
			contextType: "account",
			permissions: ["users.read"],
		});
		const globexAssignment = await globexAdmin.roles.assign.mutate({
			userId: globexUser.id,
			roleId: globexRole.id,
			context: accountCtx(globexAccount),
		});
		const acmeUser = await server.seedUser({ primaryAccountId: parent });
		const acmeAccountRole = await roleIdOf(server, acmeId, "account_admin");
		const acmeSpaceRole = await roleIdOf(server, acmeId, "space_admin");
		const globexSpaceRole = await roleIdOf(server, globexId, "space_admin");

		await refused(
			() => client.roles.assign.mutate({ userId: globexUser.id, roleId: acmeAccountRole, context: accountCtx(parent) }),
			"NOT_FOUND",
			"USER.NOT_FOUND",
		);
		await refused(
			() => client.roles.assign.mutate({ userId: acmeUser.id, roleId: globexRole.id, context: accountCtx(parent) }),
			"NOT_FOUND",
			"ROLE.NOT_FOUND",
		);
		await refused(
			() =>
				client.roles.assign.mutate({
					userId: acmeUser.id,
					roleId: acmeAccountRole,
					context: accountCtx(globexAccount),
				}),
			"NOT_FOUND",
			"ROLE.CONTEXT_NOT_FOUND",
		);
		await refused(
			() => client.roles.assign.mutate({ userId: acmeUser.id, roleId: acmeSpaceRole, context: spaceCtx(globexSpace) }),
			"NOT_FOUND",
			"ROLE.CONTEXT_NOT_FOUND",
		);
		await refused(
			() =>
				client.roles.assign.mutate({ userId: globexUser.id, roleId: globexSpaceRole, context: spaceCtx(globexSpace) }),
			"NOT_FOUND",
		);
		// Assigning oneself a role of the other tenant in the other tenant's account.
		await refused(
			() =>
				client.roles.assign.mutate({ userId: acmeAdmin.id, roleId: globexRole.id, context: accountCtx(globexAccount) }),
			"NOT_FOUND",
		);
		await refused(
			() => client.roles.unassign.mutate({ assignmentId: globexAssignment.id }),
			"NOT_FOUND",
			"ROLE.ASSIGNMENT_NOT_FOUND",
		);
		await refused(() => client.roles.get.query({ roleId: globexRole.id }), "NOT_FOUND", "ROLE.NOT_FOUND");
		await refused(
			() => client.roles.update.mutate({ roleId: globexRole.id, revision: globexRole.revision, name: "Owned" }),
			"NOT_FOUND",
			"ROLE.NOT_FOUND",
		);
		await refused(
			() => client.roles.delete.mutate({ roleId: globexRole.id, force: true }),
			"NOT_FOUND",
			"ROLE.NOT_FOUND",
		);
		await refused(() => client.roles.assignments.query({ userId: globexUser.id }), "NOT_FOUND", "USER.NOT_FOUND");
		// The other tenant's roles never appear in the list; its key is free here.
		expect((await client.roles.list.query()).map((r) => r.id)).not.toContain(globexRole.id);
		const same = await client.roles.create.mutate({
			key: "globex_only",
			name: "Same key, other tenant",
			contextType: "tenant",
			permissions: [],
		});
		expect(same.id).not.toBe(globexRole.id);
		expect((await globexAdmin.roles.get.query({ roleId: globexRole.id })).name).toBe("Globex only");
	});
});
