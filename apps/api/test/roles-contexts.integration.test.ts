/**
 * roles.contexts: the tenant, accounts and spaces a role-assignment form may offer, limited to
 * where the caller holds roles.manage, so names outside their reach stay private.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeedUserInput, startTestServer, type TestServer } from "../src/testing";
import { expectError } from "./helpers";

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
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

async function createAccount(tenantId: string, name: string, parentId: string | null = null) {
	const row = await server.db
		.insertInto("accounts")
		.values({ tenant_id: tenantId, name, parent_account_id: parentId })
		.returning("id")
		.executeTakeFirstOrThrow();
	return row.id;
}

async function createSpace(tenantId: string, accountId: string, name: string) {
	const row = await server.db
		.insertInto("spaces")
		.values({ tenant_id: tenantId, account_id: accountId, name })
		.returning("id")
		.executeTakeFirstOrThrow();
	return row.id;
}

describe("roles.contexts", () => {
	it("lists the tenant and every account and space to a tenant-wide role manager, and nothing of other tenants", async () => {
		const slug = `ctx-${randomBytes(3).toString("hex")}`;
		const tenantId = await server.createTenant(slug);
		const parent = await createAccount(tenantId, "Parent");
		const child = await createAccount(tenantId, "Child", parent);
		const space = await createSpace(tenantId, child, "Lab");
		const otherTenant = await server.createTenant(`${slug}-other`);
		await createAccount(otherTenant, "Elsewhere");

		const admin = await signedIn({ tenantSlug: slug, roles: [{ key: "tenant_admin" }] });
		const contexts = await admin.client.roles.contexts.query();
		expect(contexts).toEqual({
			tenant: { id: tenantId, name: `${slug} Inc.` },
			accounts: [
				{ id: child, name: "Child", parentAccountId: parent },
				{ id: parent, name: "Parent", parentAccountId: null },
			],
			spaces: [{ id: space, name: "Lab", accountId: child, accountName: "Child" }],
		});
	});

	it("limits an account administrator to their account, its spaces, and sub-accounts only when granted so", async () => {
		const slug = `ctx-${randomBytes(3).toString("hex")}`;
		const tenantId = await server.createTenant(slug);
		const parent = await createAccount(tenantId, "Parent");
		const child = await createAccount(tenantId, "Child", parent);
		const sibling = await createAccount(tenantId, "Sibling");
		const parentSpace = await createSpace(tenantId, parent, "Parent space");
		const childSpace = await createSpace(tenantId, child, "Child space");
		await createSpace(tenantId, sibling, "Sibling space");

		const own = await signedIn({
			tenantSlug: slug,
			roles: [{ key: "account_admin", contextType: "account", contextId: parent }],
		});
		const ownOnly = await own.client.roles.contexts.query();
		expect(ownOnly.tenant).toBeNull();
		expect(ownOnly.accounts.map((account) => account.id)).toEqual([parent]);
		expect(ownOnly.spaces.map((s) => s.id)).toEqual([parentSpace]);

		const deep = await signedIn({
			tenantSlug: slug,
			roles: [{ key: "account_admin", contextType: "account", contextId: parent, appliesToSubAccounts: true }],
		});
		const withSubAccounts = await deep.client.roles.contexts.query();
		expect(withSubAccounts.accounts.map((account) => account.id)).toEqual([child, parent]);
		expect(withSubAccounts.spaces.map((s) => s.id)).toEqual([childSpace, parentSpace]);
	});

	it("refuses callers without roles.manage anywhere", async () => {
		const auditor = await signedIn({ roles: [{ key: "security_auditor" }] });
		await expectError(auditor.client.roles.contexts.query(), "FORBIDDEN");
		const member = await signedIn({ roles: [{ key: "member" }] });
		await expectError(member.client.roles.contexts.query(), "FORBIDDEN");
	});
});
