/**
 * Self-service password reset (issue 10, item 1; SECURITY A12, A16–A19, A22) through the API, as
 * the portal and an attacker would call it.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededUser, startTestServer, type TestServer } from "../src/testing";
import { enrolTotp, expectError, insertCustomRole, liveSessionsOf, signedIn, signIn, TENANT_ADMIN } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const MINUTE = 60_000;
const NEW_PASSWORD = "Lantern-quartz-58-harbour-violet";
const uniqueEmail = (prefix = "reset") => `${prefix}-${randomBytes(5).toString("hex")}@example.com`;

const requestReset = (email: string, tenant = "acme") =>
	server.client().auth.passwordReset.request.mutate({ tenant, email });

/** The token of the latest reset link sent to `email`, as the mailbox shows it. */
async function tokenFor(email: string): Promise<string> {
	const message = await server.lastMessage(email);
	expect(message?.template).toBe("password_reset");
	const token = message?.body.match(/\/reset-password#token=([A-Za-z0-9_-]{43})(?:\s|$)/)?.[1];
	if (!token) throw new Error(`no reset link in the latest message to ${email}`);
	return token;
}

const complete = (token: string, password = NEW_PASSWORD) =>
	server.client().auth.passwordReset.complete.mutate({ token, password });

const resetMailsTo = async (email: string) =>
	(
		await server.db
			.selectFrom("outbox")
			.select("id")
			.where("recipient", "=", email)
			.where("template", "=", "password_reset")
			.execute()
	).length;

const auditOf = (userId: string, action: string) =>
	server.db
		.selectFrom("audit_events")
		.select(["action", "outcome", "actor_user_id", "target_user_id", "details"])
		.where("target_user_id", "=", userId)
		.where("action", "=", action)
		.orderBy("id")
		.execute();

async function resetPasswordOf(user: SeededUser, password = NEW_PASSWORD): Promise<SeededUser> {
	await requestReset(user.email);
	await complete(await tokenFor(user.email), password);
	return { ...user, password };
}

const rawRequest = (email: string) =>
	fetch(`${server.url}/trpc/auth.passwordReset.request`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify({ json: { tenant: "acme", email } }),
	});

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

describe("request: reveals nothing about which accounts exist (A16)", () => {
	it("answers a known and an unknown address with the same status and the same bytes; only the known one gets mail", async () => {
		const user = await server.seedUser();
		const unknown = uniqueEmail("nobody");
		const [known, missing, otherTenant] = await Promise.all([
			rawRequest(user.email),
			rawRequest(unknown),
			fetch(`${server.url}/trpc/auth.passwordReset.request`, {
				method: "POST",
				headers: { "content-type": "application/json" },
				body: JSON.stringify({ json: { tenant: "no-such-org", email: user.email } }),
			}),
		]);
		expect(known.status).toBe(200);
		expect(missing.status).toBe(200);
		expect(otherTenant.status).toBe(200);
		const body = await known.text();
		expect(await missing.text()).toBe(body);
		expect(await otherTenant.text()).toBe(body);
		expect(await resetMailsTo(user.email)).toBe(1);
		expect(await server.lastMessage(unknown)).toBeUndefined();

		// Users who cannot sign in get the same answer and no mail.
		const inactive = await server.seedUser({ state: "inactive" });
		expect(await (await rawRequest(inactive.email)).text()).toBe(body);
		expect(await resetMailsTo(inactive.email)).toBe(0);
	});

	it("takes as long for an unknown address as for a known one: median gap of 30 each < 10 ms", async () => {
		const users = await Promise.all(Array.from({ length: 30 }, () => server.seedUser()));
		// Warm up both paths (connections, prepared code) before measuring.
		await rawRequest(uniqueEmail("warm"));
		await rawRequest((await server.seedUser()).email);
		const known: number[] = [];
		const unknown: number[] = [];
		for (const [index, user] of users.entries()) {
			// Interleaved, so drift in machine load hits both series alike.
			const pair = index % 2 === 0 ? (["known", "unknown"] as const) : (["unknown", "known"] as const);
			for (const kind of pair) {
				const email = kind === "known" ? user.email : uniqueEmail("absent");
				const started = performance.now();
				const response = await rawRequest(email);
				await response.text();
				(kind === "known" ? known : unknown).push(performance.now() - started);
			}
		}
		expect(Math.abs(median(known) - median(unknown))).toBeLessThan(10);
	});

	it("caps mails per account at 3 an hour; further requests answer the same and send nothing", async () => {
		const user = await server.seedUser();
		const answers = [];
		for (let i = 0; i < 5; i++) answers.push(await requestReset(user.email));
		expect(answers).toEqual(Array.from({ length: 5 }, () => ({ ok: true })));
		expect(await resetMailsTo(user.email)).toBe(3);
		const audit = await auditOf(user.id, "auth.password_reset_requested");
		expect(audit.map((row) => row.outcome)).toEqual(["success", "success", "success", "failure", "failure"]);
		expect(audit[3]?.details).toMatchObject({ reason: "too_many_requests" });

		// Parallel requests cannot slip past the cap either: it is counted under the user's lock.
		const parallel = await server.seedUser();
		await Promise.all(Array.from({ length: 8 }, () => requestReset(parallel.email)));
		expect(await resetMailsTo(parallel.email)).toBe(3);

		server.clock.advance(60 * MINUTE + 1000);
		await requestReset(user.email);
		expect(await resetMailsTo(user.email)).toBe(4);
	});

	it("is throttled per client address like sign-in", async () => {
		const throttled = await startTestServer({ rateLimits: { perMinute: 3, perHour: 100 } });
		try {
			const client = throttled.client();
			for (let i = 0; i < 3; i++) {
				await client.auth.passwordReset.request.mutate({ tenant: "acme", email: uniqueEmail() });
			}
			await expectError(
				client.auth.passwordReset.request.mutate({ tenant: "acme", email: uniqueEmail() }),
				"TOO_MANY_REQUESTS",
				"AUTH.RATE_LIMITED",
			);
		} finally {
			await throttled.close();
		}
	});

	it("audits the request without telling the caller anything", async () => {
		const user = await server.seedUser();
		await requestReset(user.email);
		expect(await auditOf(user.id, "auth.password_reset_requested")).toMatchObject([
			{ outcome: "success", actor_user_id: null, target_user_id: user.id },
		]);
	});
});

describe("the link and its token (A18)", () => {
	it("is a 256-bit token in the URL fragment, stored only as its SHA-256, in a mail that says 30 minutes", async () => {
		const user = await server.seedUser({ language: "nl" });
		await requestReset(user.email);
		const message = await server.lastMessage(user.email);
		expect(message?.body).toMatch(/^http:\/\/localhost:\d+\/reset-password#token=[A-Za-z0-9_-]{43}$/m);
		expect(message?.body).toContain("30 minuten");
		const token = await tokenFor(user.email);
		const rows = await server.db
			.selectFrom("password_reset_tokens")
			.select(["token_hash", "created_at", "expires_at"])
			.where("user_id", "=", user.id)
			.execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(rows[0]?.token_hash).not.toContain(token);
		expect((rows[0]?.expires_at.getTime() ?? 0) - (rows[0]?.created_at.getTime() ?? 0)).toBe(30 * MINUTE);
	});

	it("looks up to the organisation, a masked address and the expiry", async () => {
		const user = await server.seedUser({ email: "lookup-me@example.com" });
		await requestReset(user.email);
		const looked = await server.client().auth.passwordReset.lookup.mutate({ token: await tokenFor(user.email) });
		expect(looked).toMatchObject({ tenant: "acme", organisation: "acme Inc." });
		expect(looked.email).not.toContain("lookup-me");
		await expectError(
			server.client().auth.passwordReset.lookup.mutate({ token: "x".repeat(43) }),
			"NOT_FOUND",
			"AUTH.PASSWORD_RESET_INVALID",
		);
	});

	it("expires after 30 minutes", async () => {
		const user = await server.seedUser();
		await requestReset(user.email);
		const token = await tokenFor(user.email);
		server.clock.advance(30 * MINUTE + 1000);
		await expectError(complete(token), "NOT_FOUND", "AUTH.PASSWORD_RESET_INVALID");
	});

	it("a newer request voids the older link", async () => {
		const user = await server.seedUser();
		await requestReset(user.email);
		const first = await tokenFor(user.email);
		await requestReset(user.email);
		const second = await tokenFor(user.email);
		expect(second).not.toBe(first);
		await expectError(complete(first), "NOT_FOUND", "AUTH.PASSWORD_RESET_INVALID");
		await complete(second);
	});

	it("works once: of 10 parallel completions exactly one succeeds", async () => {
		const user = await server.seedUser();
		await requestReset(user.email);
		const token = await tokenFor(user.email);
		const results = await Promise.allSettled(Array.from({ length: 10 }, () => complete(token)));
		expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
		for (const result of results) {
			if (result.status === "rejected") {
				expect(result.reason).toMatchObject({ data: { domainCode: "AUTH.PASSWORD_RESET_INVALID" } });
			}
		}
		await expectError(complete(token), "NOT_FOUND", "AUTH.PASSWORD_RESET_INVALID");
		expect(await auditOf(user.id, "auth.password_reset")).toHaveLength(1);
	});

	it("a password change voids it", async () => {
		const { user, client } = await signedIn(server, { password: "Orchard-violin-42-breeze-delta" });
		await requestReset(user.email);
		const token = await tokenFor(user.email);
		await client.security.changePassword.mutate({
			currentPassword: user.password,
			newPassword: "Copper-kite-93-meadow-fresh",
		});
		await expectError(complete(token), "NOT_FOUND", "AUTH.PASSWORD_RESET_INVALID");
	});

	it("an email change voids it", async () => {
		const { user, client } = await signedIn(server, { email: uniqueEmail("before") });
		await requestReset(user.email);
		const token = await tokenFor(user.email);
		const next = uniqueEmail("after");
		await client.security.email.requestChange.mutate({ email: next });
		await client.security.email.confirm.mutate({ code: await server.lastCode(next) });
		await expectError(complete(token), "NOT_FOUND", "AUTH.PASSWORD_RESET_INVALID");
	});
});

describe("completing a reset", () => {
	it("enforces the password policy and history, and a refused password leaves the link usable", async () => {
		const user = await server.seedUser({ password: "Previous-harbour-71-violet-moss" });
		await requestReset(user.email);
		const token = await tokenFor(user.email);
		const weak = await expectError(complete(token, "short1"), "BAD_REQUEST", "PASSWORD.POLICY_VIOLATION");
		expect(weak.data?.details).toMatchObject({ violations: expect.any(Array) });
		await expectError(complete(token, user.password), "BAD_REQUEST", "AUTH.PASSWORD_REUSED");
		expect(await complete(token)).toEqual({ ok: true, tenant: "acme" });
		// The old password now sits in history.
		const history = await server.db
			.selectFrom("password_history")
			.select("user_id")
			.where("user_id", "=", user.id)
			.execute();
		expect(history).toHaveLength(1);
	});

	it("ends every session, signs nobody in, audits and notifies; the new password works", async () => {
		const { user, client } = await signedIn(server);
		const other = await signIn(server, user);
		expect(await liveSessionsOf(server, user.id)).toHaveLength(2);
		await requestReset(user.email);
		const response = await fetch(`${server.url}/trpc/auth.passwordReset.complete`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ json: { token: await tokenFor(user.email), password: NEW_PASSWORD } }),
		});
		expect(response.status).toBe(200);
		// No session cookie: a reset is not a sign-in (A17).
		expect(response.headers.getSetCookie()).toEqual([]);
		expect(await liveSessionsOf(server, user.id)).toHaveLength(0);
		await expectError(client.me.get.query(), "UNAUTHORIZED");
		await expectError(other.client.me.get.query(), "UNAUTHORIZED");
		expect(await auditOf(user.id, "auth.password_reset")).toMatchObject([
			{ outcome: "success", actor_user_id: user.id, details: { reason: "reset", otherSessionsEnded: 2 } },
		]);
		expect((await server.lastMessage(user.email))?.template).toBe("password_changed");

		await expectError(
			server.client().auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password }),
			"UNAUTHORIZED",
			"AUTH.INVALID_CREDENTIALS",
		);
		const again = await signIn(server, { ...user, password: NEW_PASSWORD });
		expect(again.result.status).toBe("signed_in");
	});

	it("lifts a lockout: the mailbox confirmed who it is (A12)", async () => {
		const user = await server.seedUser();
		await server.db
			.updateTable("users")
			.set({ failed_attempts: 10, locked_until: new Date(server.clock.now().getTime() + 30 * MINUTE) })
			.where("id", "=", user.id)
			.execute();
		await expectError(
			server.client().auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password }),
			"UNAUTHORIZED",
		);
		const reset = await resetPasswordOf(user);
		const row = await server.db
			.selectFrom("users")
			.select(["failed_attempts", "locked_until"])
			.where("id", "=", user.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ failed_attempts: 0, locked_until: null });
		expect((await signIn(server, reset)).result.status).toBe("signed_in");
	});
});

describe("a reset never skips MFA (A17)", () => {
	it("a TOTP user must still pass TOTP after a reset", async () => {
		const { user, client } = await signedIn(server);
		const totp = await enrolTotp(server, client);
		const reset = await resetPasswordOf(user);
		const login = await signIn(server, reset);
		expect(login.result).toMatchObject({ status: "mfa_required", methods: ["totp", "recovery_code"] });
		await expectError(login.client.me.get.query(), "UNAUTHORIZED");
		server.clock.advance(MINUTE);
		const done = await login.client.auth.flow.verifyCode.mutate({
			method: "totp",
			code: totp.generate({ timestamp: server.clock.now().getTime() }),
		});
		expect(done.status).toBe("signed_in");
	});

	it("an email-code user cannot use the email code after a link reset, and is not let in without a factor", async () => {
		const { user, client } = await signedIn(server);
		await client.security.mfa.setChannel.mutate({ channel: "email", enabled: true });
		expect((await signIn(server, user)).result).toMatchObject({
			status: "mfa_required",
			methods: ["email", "recovery_code"],
		});

		const reset = await resetPasswordOf(user);
		const login = await signIn(server, reset);
		// Still a second-factor step, but email is not among its answers (the codes issued with it are).
		expect(login.result).toMatchObject({ status: "mfa_required", methods: ["recovery_code"] });
		// The page learns why, to tell the person.
		expect(await login.client.auth.flow.state.query()).toMatchObject({
			methods: ["recovery_code"],
			emailHeldBack: true,
		});
		await expectError(
			login.client.auth.flow.sendCode.mutate({ channel: "email" }),
			"BAD_REQUEST",
			"MFA.METHOD_NOT_AVAILABLE",
		);
		await expectError(
			login.client.auth.flow.verifyCode.mutate({ method: "email", code: "123456" }),
			"BAD_REQUEST",
			"MFA.METHOD_NOT_AVAILABLE",
		);
		await expectError(login.client.me.get.query(), "UNAUTHORIZED");
	});

	it("an email-only user without recovery codes still gets a second-factor step, with nothing to answer it", async () => {
		const { user, client } = await signedIn(server);
		await client.security.mfa.setChannel.mutate({ channel: "email", enabled: true });
		await server.db.deleteFrom("recovery_codes").where("user_id", "=", user.id).execute();
		const reset = await resetPasswordOf(user);
		const login = await signIn(server, reset);
		// Not a session on the password alone: the factor is owed even though none can pay it now.
		expect(login.result).toMatchObject({ status: "mfa_required", methods: [] });
		expect(await login.client.auth.flow.state.query()).toMatchObject({ methods: [], emailHeldBack: true });
		await expectError(login.client.me.get.query(), "UNAUTHORIZED");
	});

	it("with recovery codes, the email-code user answers with one; afterwards email counts again", async () => {
		const { user, client } = await signedIn(server);
		await client.security.mfa.setChannel.mutate({ channel: "email", enabled: true });
		const { codes } = await client.security.regenerateRecoveryCodes.mutate();
		const reset = await resetPasswordOf(user);

		const login = await signIn(server, reset);
		expect(login.result).toMatchObject({ status: "mfa_required", methods: ["recovery_code"] });
		const done = await login.client.auth.flow.verifyCode.mutate({ method: "recovery_code", code: codes[0] ?? "" });
		expect(done.status).toBe("signed_in");

		// A factor other than the mailbox vouched for the person: email is offered again.
		const next = await signIn(server, reset);
		expect(next.result).toMatchObject({ status: "mfa_required", methods: ["email", "recovery_code"] });
		expect(await next.client.auth.flow.state.query()).toMatchObject({ emailHeldBack: false });
	});

	it("a user without any second factor simply signs in with the new password", async () => {
		const user = await server.seedUser();
		const reset = await resetPasswordOf(user);
		expect((await signIn(server, reset)).result.status).toBe("signed_in");
		const row = await server.db
			.selectFrom("users")
			.select("password_reset_at")
			.where("id", "=", user.id)
			.executeTakeFirstOrThrow();
		expect(row.password_reset_at).toBeNull();
	});
});

describe("an administrator sends a reset link", () => {
	it("with users.security: the user gets the same link, it works, and it is audited", async () => {
		const { user: admin, client } = await signedIn(server, TENANT_ADMIN);
		const target = await server.seedUser();
		expect(await client.users.sendPasswordReset.mutate({ userId: target.id })).toEqual({ ok: true });
		expect(await auditOf(target.id, "user.password_reset_sent")).toMatchObject([
			{ outcome: "success", actor_user_id: admin.id, target_user_id: target.id },
		]);
		const stored = await server.db
			.selectFrom("password_reset_tokens")
			.select("requested_by")
			.where("user_id", "=", target.id)
			.executeTakeFirstOrThrow();
		expect(stored.requested_by).toBe(admin.id);
		await complete(await tokenFor(target.email));
		expect((await signIn(server, { ...target, password: NEW_PASSWORD })).result.status).toBe("signed_in");
	});

	it("without users.security: FORBIDDEN, and nothing is sent", async () => {
		const tenantId = await server.createTenant("acme");
		const key = `readers-${randomBytes(3).toString("hex")}`;
		await insertCustomRole(server, tenantId, key, "tenant", ["users.read", "users.write"]);
		const { client } = await signedIn(server, { roles: [{ key }] });
		const target = await server.seedUser();
		await expectError(client.users.sendPasswordReset.mutate({ userId: target.id }), "FORBIDDEN");
		expect(await resetMailsTo(target.email)).toBe(0);
	});

	it("refuses a user who cannot sign in", async () => {
		const { client } = await signedIn(server, TENANT_ADMIN);
		const target = await server.seedUser({ state: "inactive" });
		await expectError(
			client.users.sendPasswordReset.mutate({ userId: target.id }),
			"CONFLICT",
			"AUTH.PASSWORD_RESET_UNAVAILABLE",
		);
	});
});
