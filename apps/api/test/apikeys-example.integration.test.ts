/**
 * The example internal app (examples/internal-app) against a real server: provisioned by an
 * administrator, then run with its API key through the typed client.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { provisionApplicationUser } from "../../../examples/internal-app/src/provision";
import { listUsersReport } from "../../../examples/internal-app/src/report";
import { createClient } from "../src/client";
import { startTestServer, type TestServer } from "../src/testing";
import { expectError } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

it("prints the first page of users as a table, authenticated with a real key", async () => {
	// A tenant of its own, so the report's lines are exactly these users.
	await server.createTenant("initech");
	const admin = await server.seedUser({
		tenantSlug: "initech",
		email: "admin@initech.example",
		firstName: "Bill",
		lastName: "Lumbergh",
		roles: [{ key: "tenant_admin" }],
	});
	await server.seedUser({
		tenantSlug: "initech",
		email: "peter@initech.example",
		firstName: "Peter",
		lastName: "Gibbons",
	});
	const milton = await server.seedUser({
		tenantSlug: "initech",
		email: "milton@initech.example",
		firstName: "Milton",
		lastName: null,
		state: "inactive",
	});
	await server.db
		.updateTable("users")
		.set({ two_factor_enabled: true, two_factor_type: "totp" })
		.where("id", "=", milton.id)
		.execute();
	const adminClient = server.client();
	await adminClient.auth.signIn.mutate({ tenant: "initech", email: admin.email, password: admin.password });

	const { user, key, apiKey } = await provisionApplicationUser(adminClient, {
		name: "Report bot",
		roleKeys: ["security_auditor"],
		keyName: "report",
	});
	expect(user.roles.map((role) => role.roleKey)).toEqual(["security_auditor"]);
	expect(key.startsWith(`tsk_${apiKey.prefix}_`)).toBe(true);

	const lines = await listUsersReport(createClient({ url: `${server.url}/trpc`, apiKey: key }));
	expect(lines).toEqual([
		"EMAIL                   NAME           STATE     MFA",
		"-                       Report bot     active    off",
		"admin@initech.example   Bill Lumbergh  active    off",
		"milton@initech.example  Milton         inactive  totp",
		"peter@initech.example   Peter Gibbons  active    off",
		"4 of 4 users",
	]);

	// The same app with a revoked key is refused, as its main.ts reports.
	await adminClient.apiKeys.revoke.mutate({ keyId: apiKey.id });
	await expectError(listUsersReport(createClient({ url: `${server.url}/trpc`, apiKey: key })), "UNAUTHORIZED");
});
