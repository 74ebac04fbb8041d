import { DAY } from "@tessera/core/shared/clock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CookieJar, cookieHeaderOf, startTestServer, type TestServer } from "../src/testing";
import { enrolTotp, expectError, signedIn, signedInToNewTenant, signIn, tenantAudits } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

/** A tenant of its own with a security auditor (tenant-wide dashboard.read) to read the report. */
async function tenantWithAuditor() {
	const { tenantSlug, tenantId, ...auditor } = await signedInToNewTenant(server, "compliance", "security_auditor");
	return { tenantSlug, tenantId, auditor };
}

const setUser = (id: string, values: { password_changed_at?: Date; last_sign_in_at?: Date; created_at?: Date }) =>
	server.db.updateTable("users").set(values).where("id", "=", id).execute();

const exportOf = (jar: CookieJar, format: "csv" | "json", query = "") =>
	fetch(`${server.url}/export/compliance.${format}${query}`, { headers: { cookie: cookieHeaderOf(jar) } });

describe("the compliance report", () => {
	it("lists each shortfall once, with totals, and nothing that complies", async () => {
		const { tenantSlug, auditor } = await tenantWithAuditor();
		const now = server.clock.now();
		// Admins: one without any factor, one with email codes only (never enough for an admin), one with an app.
		const bare = await server.seedUser({ tenantSlug, email: "bare@x.example", roles: [{ key: "tenant_admin" }] });
		const emailOnly = await server.seedUser({ tenantSlug, email: "mail@x.example", roles: [{ key: "user_manager" }] });
		await server.db
			.updateTable("users")
			.set({ mfa_email_enabled: true, email_verified: true, two_factor_enabled: true, two_factor_type: "email" })
			.where("id", "=", emailOnly.id)
			.execute();
		const withApp = await signedIn(server, { tenantSlug, email: "app@x.example", roles: [{ key: "tenant_admin" }] });
		await enrolTotp(server, withApp.client);
		// Passwords: expired (100 days), expiring in 5 days (85), fresh.
		const expired = await server.seedUser({ tenantSlug, email: "old@x.example" });
		await setUser(expired.id, { password_changed_at: new Date(now.getTime() - 100 * DAY) });
		const expiring = await server.seedUser({ tenantSlug, email: "soon@x.example" });
		await setUser(expiring.id, { password_changed_at: new Date(now.getTime() - 85 * DAY) });
		// Dormant: created 60 days ago, last signed in 40 days ago.
		const dormant = await server.seedUser({ tenantSlug, email: "away@x.example" });
		await setUser(dormant.id, {
			created_at: new Date(now.getTime() - 60 * DAY),
			last_sign_in_at: new Date(now.getTime() - 40 * DAY),
		});
		// Keys: one without expiry, one expiring and never used for 100 days, one revoked.
		const admin = await signedIn(server, { tenantSlug, roles: [{ key: "tenant_admin" }] });
		await enrolTotp(server, admin.client);
		const app = await admin.client.apiKeys.createApplicationUser.mutate({ name: "Billing sync" });
		const forever = await admin.client.apiKeys.issue.mutate({ userId: app.id, name: "forever" });
		const idle = await admin.client.apiKeys.issue.mutate({
			userId: app.id,
			name: "idle",
			expiresAt: new Date(now.getTime() + 300 * DAY),
		});
		await server.db
			.updateTable("api_keys")
			.set({ created_at: new Date(now.getTime() - 100 * DAY) })
			.where("id", "=", idle.apiKey.id)
			.execute();
		const revoked = await admin.client.apiKeys.issue.mutate({ userId: app.id, name: "revoked" });
		await admin.client.apiKeys.revoke.mutate({ keyId: revoked.apiKey.id });
		// Failures: five wrong passwords in a row for one person, four for another.
		const guessed = await server.seedUser({ tenantSlug, email: "guessed@x.example" });
		const almost = await server.seedUser({ tenantSlug, email: "almost@x.example" });
		for (const [target, times] of [
			[guessed, 5],
			[almost, 4],
		] as const) {
			for (let attempt = 0; attempt < times; attempt++) {
				await expect(signIn(server, { ...target, password: "wrong-password-123" })).rejects.toThrow();
			}
		}

		const report = await auditor.client.dashboard.compliance.query();
		const emails = (items: readonly { email: string | null }[]) => items.map((item) => item.email).sort();
		expect(emails(report.adminsWithoutMfa.items)).toEqual([bare.email, emailOnly.email, auditor.user.email].sort());
		expect(report.adminsWithoutMfa.total).toBe(3);
		expect(report.adminsWithoutMfa.items.find((item) => item.userId === bare.id)?.roleKeys).toEqual(["tenant_admin"]);
		expect(emails(report.expiredPasswords.items)).toEqual([expired.email]);
		expect(report.expiredPasswords.items[0]?.expiresAt).toEqual(new Date(now.getTime() - 10 * DAY));
		expect(emails(report.expiringPasswords.items)).toEqual([expiring.email]);
		expect(emails(report.dormantAccounts.items)).toEqual([dormant.email]);
		expect(report.dormantAccounts.items[0]?.deactivatesAt).toEqual(new Date(now.getTime() + 50 * DAY));
		expect(report.keysWithoutExpiry.items.map((key) => key.keyId)).toEqual([forever.apiKey.id]);
		expect(report.keysWithoutExpiry.items[0]?.applicationName).toBe("Billing sync");
		expect(report.unusedKeys.items.map((key) => key.keyId)).toEqual([idle.apiKey.id]);
		expect(report.repeatedFailures.items).toEqual([expect.objectContaining({ userId: guessed.id, failures: 5 })]);
		expect(report.thresholds).toMatchObject({ passwordMaxAgeDays: 90, expiringWithinDays: 14, failureCount: 5 });
	});

	it("never shows another tenant's people or keys", async () => {
		const first = await tenantWithAuditor();
		const second = await tenantWithAuditor();
		await server.seedUser({
			tenantSlug: first.tenantSlug,
			email: "exposed@first.example",
			roles: [{ key: "tenant_admin" }],
		});
		const report = await second.auditor.client.dashboard.compliance.query();
		const everyone = JSON.stringify(report);
		expect(everyone).not.toContain("exposed@first.example");
		expect(report.adminsWithoutMfa.items.map((item) => item.userId)).toEqual([second.auditor.user.id]);
	});

	it("is refused without a tenant-wide dashboard.read, even to someone who holds it for an account", async () => {
		const { tenantSlug, tenantId } = await tenantWithAuditor();
		const member = await signedIn(server, { tenantSlug });
		await expectError(member.client.dashboard.compliance.query(), "FORBIDDEN");
		const account = await server.db
			.insertInto("accounts")
			.values({ tenant_id: tenantId, name: "Branch" })
			.returning("id")
			.executeTakeFirstOrThrow();
		const branchAuditor = await signedIn(server, {
			tenantSlug,
			roles: [{ key: "security_auditor", contextType: "account", contextId: account.id }],
		});
		await expectError(branchAuditor.client.dashboard.compliance.query(), "FORBIDDEN");
		const response = await exportOf(branchAuditor.jar, "csv");
		expect(response.status).toBe(403);
	});

	it("exports as CSV and JSON, each export audited with what it held", async () => {
		const { tenantSlug, tenantId, auditor } = await tenantWithAuditor();
		await server.seedUser({ tenantSlug, email: "=cmd@x.example", roles: [{ key: "tenant_admin" }] });

		const csv = await exportOf(auditor.jar, "csv");
		expect(csv.status).toBe(200);
		expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
		expect(csv.headers.get("content-disposition")).toBe('attachment; filename="compliance.csv"');
		const lines = (await csv.text()).trim().split("\n");
		expect(lines[0]?.split(",").slice(0, 3)).toEqual(["finding", "user_id", "email"]);
		// A cell that would run as a spreadsheet formula is made text.
		expect(lines.some((line) => line.startsWith("adminsWithoutMfa,") && line.includes("'=cmd@x.example"))).toBe(true);

		const json = await exportOf(auditor.jar, "json");
		expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
		const body = (await json.json()) as { adminsWithoutMfa: { total: number } };
		expect(body.adminsWithoutMfa.total).toBe(2);

		const audits = await tenantAudits(server, tenantId, "compliance.report_exported");
		expect(audits.map((audit) => audit.details)).toEqual([
			expect.objectContaining({ format: "csv", rows: expect.objectContaining({ adminsWithoutMfa: 2 }) }),
			expect.objectContaining({ format: "json", rows: expect.objectContaining({ adminsWithoutMfa: 2 }) }),
		]);
		expect(audits.every((audit) => audit.actor_user_id === auditor.user.id)).toBe(true);

		// A filter is refused, not ignored, and nothing is audited for it.
		const filtered = await exportOf(auditor.jar, "csv", `?filter=${encodeURIComponent('{"json":{"x":1}}')}`);
		expect(filtered.status).toBe(400);
		expect(
			await server.db
				.selectFrom("audit_events")
				.select("id")
				.where("tenant_id", "=", tenantId)
				.where("action", "=", "compliance.report_exported")
				.execute(),
		).toHaveLength(2);
	});
});
