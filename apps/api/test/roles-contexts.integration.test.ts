/**
 * roles.contexts: the tenant, accounts and spaces a role-assignment form may offer, limited to
 * where the caller holds roles.manage, so names outside their reach stay private.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import { createAccount, createSpace, expectError, signedIn } from "./helpers";

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

describe("roles.contexts", () => {
	it("lists the tenant and every account and space to a tenant-wide role manager, and nothing of other tenants", async () => {
		const slug = `ctx-${randomBytes(3).toString("hex")}`;
		const tenantId = await server.createTenant(slug);
		const parent = await createAccount(server, tenantId, "Parent");
		const child = await createAccount(server, tenantId, "Child", parent);
		const space = await createSpace(server, tenantId, child, "Lab");
		const otherTenant = await server.createTenant(`${slug}-other`);
		await createAccount(server, otherTenant, "Elsewhere");

		const admin = await signedIn(server, { tenantSlug: slug, roles: [{ key: "tenant_admin" }] });
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
		const parent = await createAccount(server, tenantId, "Parent");
		const child = await createAccount(server, tenantId, "Child", parent);
		const sibling = await createAccount(server, tenantId, "Sibling");
		const parentSpace = await createSpace(server, tenantId, parent, "Parent space");
		const childSpace = await createSpace(server, tenantId, child, "Child space");
		await createSpace(server, tenantId, sibling, "Sibling space");

		const own = await signedIn(server, {
			tenantSlug: slug,
			roles: [{ key: "account_admin", contextType: "account", contextId: parent }],
		});
		const ownOnly = await own.client.roles.contexts.query();
		expect(ownOnly.tenant).toBeNull();
		expect(ownOnly.accounts.map((account) => account.id)).toEqual([parent]);
		expect(ownOnly.spaces.map((s) => s.id)).toEqual([parentSpace]);

		const deep = await signedIn(server, {
			tenantSlug: slug,
			roles: [{ key: "account_admin", contextType: "account", contextId: parent, appliesToSubAccounts: true }],
		});
		const withSubAccounts = await deep.client.roles.contexts.query();
		expect(withSubAccounts.accounts.map((account) => account.id)).toEqual([child, parent]);
		expect(withSubAccounts.spaces.map((s) => s.id)).toEqual([childSpace, parentSpace]);
	});

	it("refuses callers without roles.manage anywhere", async () => {
		const auditor = await signedIn(server, { roles: [{ key: "security_auditor" }] });
		await expectError(auditor.client.roles.contexts.query(), "FORBIDDEN");
		const member = await signedIn(server, { roles: [{ key: "member" }] });
		await expectError(member.client.roles.contexts.query(), "FORBIDDEN");
	});
});
