import { deactivateDormantUsers } from "@tessera/core/jobs/dormancy.service";
import type { TTenantPolicyInput } from "@tessera/core/policy/tenant-policy";
import { DAY, MINUTE } from "@tessera/core/shared/clock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededUser, startTestServer, type TestServer } from "../src/testing";
import { expectError, liveSessionsOf, signedIn, signedInAs, signedInToNewTenant, signIn } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

/** A tenant of its own (the policy is tenant-wide) with an administrator who set `policy`. */
async function tenantWithPolicy(policy: TTenantPolicyInput) {
	const { tenantSlug, ...admin } = await signedInToNewTenant(server, "policy", "tenant_admin");
	await admin.client.policy.update.mutate(policy);
	return { tenantSlug, admin };
}

describe("session limits from the tenant policy", () => {
	it("ends a session after the policy's idle minutes, not the built-in 15", async () => {
		const { tenantSlug } = await tenantWithPolicy({ session: { idleMinutes: 5 } });
		const { client } = await signedIn(server, { tenantSlug });
		server.clock.advance(4 * MINUTE);
		await client.me.get.query();
		server.clock.advance(5 * MINUTE);
		await expectError(client.me.get.query(), "UNAUTHORIZED");
	});

	it("applies a shorter idle limit and lifetime to sessions that are already open", async () => {
		const { tenantSlug, admin } = await tenantWithPolicy({});
		const idle = await signedIn(server, { tenantSlug });
		const long = await signedIn(server, { tenantSlug });
		await admin.client.policy.update.mutate({ session: { idleMinutes: 5, absoluteHours: 1 } });

		// Under the old 15 minutes this would still be live.
		server.clock.advance(4 * MINUTE);
		await long.client.me.get.query();
		server.clock.advance(2 * MINUTE);
		await expectError(idle.client.me.get.query(), "UNAUTHORIZED");

		// Kept busy, the other one still ends an hour after it started.
		for (let minutes = 6; minutes < 58; minutes += 4) {
			await long.client.me.get.query();
			server.clock.advance(4 * MINUTE);
		}
		server.clock.advance(MINUTE);
		await expectError(long.client.me.get.query(), "UNAUTHORIZED");
	});

	it("keeps at most the policy's number of sessions per user, ending the oldest", async () => {
		const { tenantSlug } = await tenantWithPolicy({ session: { maxConcurrent: 2 } });
		const { user, client: first } = await signedIn(server, { tenantSlug });
		server.clock.advance(1_000);
		const second = await signedInAs(server, user);
		server.clock.advance(1_000);
		const third = await signedInAs(server, user);
		await expectError(first.me.get.query(), "UNAUTHORIZED");
		await second.client.me.get.query();
		await third.client.me.get.query();
		expect(await liveSessionsOf(server, user.id)).toHaveLength(2);
	});

	it("holds the number when sign-ins finish at once: of 5 completed together, 2 sessions stay live", async () => {
		const { tenantSlug } = await tenantWithPolicy({ session: { maxConcurrent: 2 } });
		const { user, client } = await signedIn(server, { tenantSlug });
		await client.security.mfa.setChannel.mutate({ channel: "email", enabled: true });
		// Five sign-ins wait at the emailed code, one code each (a minute apart: the resend
		// cooldown). Their last steps then run together, with no password hash to space them out.
		const pending = [];
		for (let i = 0; i < 5; i++) {
			if (i > 0) server.clock.advance(61_000);
			const login = await signIn(server, user);
			await login.client.auth.flow.sendCode.mutate({ channel: "email" });
			pending.push({ login, code: await server.lastCode(user.email) });
		}
		const results = await Promise.all(
			pending.map(({ login, code }) => login.client.auth.flow.verifyCode.mutate({ method: "email", code })),
		);
		for (const result of results) expect(result.status).toBe("signed_in");
		expect(await liveSessionsOf(server, user.id)).toHaveLength(2);
	});
});

describe("dormant accounts (lifecycle.inactiveAfterDays, PCI DSS 8.2.6)", () => {
	const stateOf = async (user: SeededUser) =>
		(await server.db.selectFrom("users").select("state").where("id", "=", user.id).executeTakeFirstOrThrow()).state;
	const warningsTo = async (user: SeededUser) =>
		server.db
			.selectFrom("outbox")
			.select(["body", "subject"])
			.where("recipient", "=", user.email)
			.where("template", "=", "account_dormant_warning")
			.execute();
	const run = () => deactivateDormantUsers({ db: server.db, clock: server.clock });

	it("warns a week ahead, once, then deactivates, ends sessions and audits; a sign-in or a reactivation starts afresh", async () => {
		const { tenantSlug } = await tenantWithPolicy({ lifecycle: { inactiveAfterDays: 30 } });
		const tenantId = await server.createTenant(tenantSlug);
		const unused = await signedIn(server, { tenantSlug });
		const regular = await server.seedUser({ tenantSlug });

		server.clock.advance(20 * DAY);
		await signedInAs(server, regular);
		server.clock.advance(2 * DAY);
		await run();
		expect(await warningsTo(unused.user)).toHaveLength(0);

		server.clock.advance(1.5 * DAY);
		await Promise.all([run(), run(), run()]);
		const warnings = await warningsTo(unused.user);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]?.subject).toBe("Your Tessera account will be deactivated in 7 days");
		expect(await warningsTo(regular)).toHaveLength(0);

		// The warning's week is not over yet.
		server.clock.advance(6 * DAY);
		await run();
		expect(await stateOf(unused.user)).toBe("active");

		server.clock.advance(1.5 * DAY);
		const results = await Promise.all([run(), run()]);
		expect(results.reduce((sum, result) => sum + result.deactivated, 0)).toBe(1);
		expect(await stateOf(unused.user)).toBe("inactive");
		expect(await stateOf(regular)).toBe("active");
		expect(await liveSessionsOf(server, unused.user.id)).toHaveLength(0);
		const audit = await server.db
			.selectFrom("audit_events")
			.select(["actor_user_id", "details"])
			.where("tenant_id", "=", tenantId)
			.where("target_user_id", "=", unused.user.id)
			.where("action", "=", "user.state_changed")
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actor_user_id: null, details: { reason: "dormant", inactiveAfterDays: 30 } });
		await expectError(
			server
				.client()
				.auth.signIn.mutate({ tenant: tenantSlug, email: unused.user.email, password: unused.user.password }),
			"UNAUTHORIZED",
		);

		// Reactivated by an administrator: not deactivated again on the next run.
		const { client: adminNow } = await signedIn(server, { tenantSlug, roles: [{ key: "tenant_admin" }] });
		const { version } = await adminNow.users.get.query({ userId: unused.user.id });
		await adminNow.users.changeState.mutate({ userId: unused.user.id, version, to: "active" });
		await run();
		expect(await stateOf(unused.user)).toBe("active");
	});

	it("after a long outage of the jobs, warns first and deactivates only a week later; never the last tenant administrator", async () => {
		const { tenantSlug, admin } = await tenantWithPolicy({ lifecycle: { inactiveAfterDays: 10 } });
		const forgotten = await server.seedUser({ tenantSlug });
		server.clock.advance(40 * DAY);

		await run();
		expect(await warningsTo(forgotten)).toHaveLength(1);
		expect(await stateOf(forgotten)).toBe("active");
		// Ten days: the warning goes five days ahead (half the period, at most a week).
		server.clock.advance(5 * DAY + MINUTE);
		await run();
		expect(await stateOf(forgotten)).toBe("inactive");
		// The administrator was as idle, but is the only one: warned, still active.
		expect(await warningsTo(admin.user)).toHaveLength(1);
		expect(await stateOf(admin.user)).toBe("active");
	});
});
