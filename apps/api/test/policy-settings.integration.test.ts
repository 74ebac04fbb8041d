import { MINUTE } from "@tessera/core/shared/clock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import { expectError, signedIn, signedInToNewTenant, tenantAudits } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const tenantAdmin = () => signedInToNewTenant(server, "settings", "tenant_admin");
const policyAudits = (tenantId: string) => tenantAudits(server, tenantId, "tenant.policy_updated");

describe("changing the security policy", () => {
	it("needs a recent authentication: a session left open past the window changes nothing until its owner confirms", async () => {
		const { tenantId, user, client } = await tenantAdmin();
		const before = await client.policy.get.query();
		// Kept alive (idle limit 15 min) but authenticated 6 minutes ago: past the 5-minute window.
		server.clock.advance(3 * MINUTE);
		await client.me.get.query();
		server.clock.advance(3 * MINUTE);

		await expectError(client.policy.update.mutate({ lockout: { threshold: 5 } }), "FORBIDDEN", "AUTH.REAUTH_REQUIRED");
		expect(await client.policy.get.query()).toEqual(before);
		expect(await policyAudits(tenantId)).toEqual([]);

		await client.security.reauthenticate.mutate({ method: "password", password: user.password });
		const after = await client.policy.update.mutate({ lockout: { threshold: 5 } });
		expect(after.lockout.threshold).toBe(5);
		expect(await policyAudits(tenantId)).toEqual([
			{ actor_user_id: user.id, details: { changes: { "lockout.threshold": { from: 10, to: 5 } } } },
		]);
	});

	it("refuses a change that breaks a cross-field rule with the rule's name under the field, and keeps the policy", async () => {
		const { client } = await tenantAdmin();
		const before = await client.policy.get.query();
		const error = await expectError(
			client.policy.update.mutate({ password: { minLength: 12, maxAgeDays: null } }),
			"BAD_REQUEST",
		);
		expect(error.data?.fieldIssues?.["password.minLength"]).toEqual([
			{ code: "custom", rule: "singleFactorMinLength" },
		]);
		expect(error.data?.fieldIssues?.["password.maxAgeDays"]).toEqual([
			{ code: "custom", rule: "expiryNeedsMfaForAll" },
		]);
		expect(await client.policy.get.query()).toEqual(before);

		// The same values are allowed once MFA is required for everyone, in the same change.
		const after = await client.policy.update.mutate({
			mfa: { required: "all" },
			password: { minLength: 12, maxAgeDays: null },
		});
		expect(after.password).toMatchObject({ minLength: 12, maxAgeDays: null });
	});

	it("is refused to an administrator without a tenant-wide policy.manage, whatever their session", async () => {
		const { tenantSlug } = await tenantAdmin();
		const { client } = await signedIn(server, { tenantSlug, roles: [{ key: "user_manager" }] });
		await expectError(client.policy.get.query(), "FORBIDDEN");
		await expectError(client.policy.update.mutate({ lockout: { threshold: 3 } }), "FORBIDDEN");
	});
});
