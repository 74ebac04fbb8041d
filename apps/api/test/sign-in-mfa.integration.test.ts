import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import {
	enrolTotp,
	expectError,
	failure,
	liveSessionsOf,
	signedIn,
	signedInAs,
	signIn,
	succeededElseRefused,
} from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const MINUTE = 60_000;
const DAY = 86_400_000;
const STRONG = "quiet-Harbor-lantern-7-marmalade";

/** Moves the test clock past the current TOTP step so a fresh code exists. */
const nextStep = () => server.clock.advance(30_000);

describe("TOTP", () => {
	it("enrols from the otpauth URI, then sign-in asks for it and accepts an independent implementation's code", async () => {
		const { user, client } = await signedIn(server);
		const totp = await enrolTotp(server, client);
		const overview = await client.security.overview.query();
		expect(overview.mfa).toMatchObject({ enabled: true, preferred: "totp", enrolled: ["totp"] });
		expect(JSON.stringify(overview)).not.toContain(totp.secret.base32);
		const row = await server.db
			.selectFrom("totp_credentials")
			.select("secret_ciphertext")
			.where("user_id", "=", user.id)
			.executeTakeFirstOrThrow();
		expect(row.secret_ciphertext).not.toContain(totp.secret.base32);
		const me = await client.me.get.query();
		expect(me).toMatchObject({ twoFactorEnabled: true, twoFactorType: "totp" });

		nextStep();
		const login = await signIn(server, user);
		expect(login.result).toMatchObject({
			status: "mfa_required",
			methods: ["totp", "recovery_code"],
			preferred: "totp",
		});
		expect(login.jar.has("__Host-tessera_session")).toBe(false);
		expect(login.jar.get("__Host-tessera_flow")).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const done = await login.client.auth.flow.verifyCode.mutate({
			method: "totp",
			code: totp.generate({ timestamp: server.clock.now().getTime() }),
		});
		expect(done.status).toBe("signed_in");
		expect(login.jar.has("__Host-tessera_flow")).toBe(false);
		expect((await login.client.me.get.query()).id).toBe(user.id);
	});

	it("between the password and the second factor the flow cookie grants nothing else", async () => {
		const { user, client } = await signedIn(server);
		await enrolTotp(server, client);
		const login = await signIn(server, user);
		expect(login.result.status).toBe("mfa_required");
		await expectError(login.client.me.get.query(), "UNAUTHORIZED");
		await expectError(login.client.security.overview.query(), "UNAUTHORIZED");
		await expectError(login.client.security.totp.begin.mutate(), "UNAUTHORIZED");
		await expectError(
			login.client.auth.flow.changePassword.mutate({ newPassword: STRONG }),
			"UNAUTHORIZED",
			"AUTH.LOGIN_FLOW_EXPIRED",
		);
	});

	it("refuses a replayed code, and accepts drift of one step but not two", async () => {
		const { user, client } = await signedIn(server);
		const totp = await enrolTotp(server, client);
		nextStep();
		const at = (offset: number) => totp.generate({ timestamp: server.clock.now().getTime() + offset });

		const first = await signIn(server, user);
		const code = at(0);
		await first.client.auth.flow.verifyCode.mutate({ method: "totp", code });
		const replay = await signIn(server, user);
		await expectError(
			replay.client.auth.flow.verifyCode.mutate({ method: "totp", code }),
			"UNAUTHORIZED",
			"MFA.INVALID_CODE",
		);

		nextStep();
		nextStep();
		for (const [offset, accepted] of [
			[-60_000, false],
			[60_000, false],
			[-30_000, true],
		] as const) {
			const login = await signIn(server, user);
			const call = login.client.auth.flow.verifyCode.mutate({ method: "totp", code: at(offset) });
			if (accepted) expect((await call).status).toBe("signed_in");
			else await expectError(call, "UNAUTHORIZED", "MFA.INVALID_CODE");
		}
		nextStep();
		nextStep();
		const ahead = await signIn(server, user);
		expect((await ahead.client.auth.flow.verifyCode.mutate({ method: "totp", code: at(30_000) })).status).toBe(
			"signed_in",
		);
	});

	it("accepts a code exactly once when many sessions submit it at once", async () => {
		const { user, client } = await signedIn(server);
		const totp = await enrolTotp(server, client);
		nextStep();
		const logins = await Promise.all(Array.from({ length: 10 }, () => signIn(server, user)));
		const code = totp.generate({ timestamp: server.clock.now().getTime() });
		const results = await Promise.allSettled(
			logins.map((l) => l.client.auth.flow.verifyCode.mutate({ method: "totp", code })),
		);
		expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
	});

	it("refuses a client-sent time: the schema is strict", async () => {
		const { user, client } = await signedIn(server);
		await enrolTotp(server, client);
		const login = await signIn(server, user);
		const input = { method: "totp", code: "123456", timestamp: 0 } as unknown as { method: "totp"; code: string };
		await expectError(login.client.auth.flow.verifyCode.mutate(input), "BAD_REQUEST");
	});

	it("five wrong codes end the sign-in: the sixth is refused even when correct", async () => {
		const { user, client } = await signedIn(server);
		const totp = await enrolTotp(server, client);
		nextStep();
		const login = await signIn(server, user);
		for (let i = 0; i < 4; i++) {
			const error = await expectError(
				login.client.auth.flow.verifyCode.mutate({ method: "totp", code: "000000" }),
				"UNAUTHORIZED",
				"MFA.INVALID_CODE",
			);
			expect(error.data?.details).toMatchObject({ attemptsLeft: 4 - i });
		}
		await expectError(
			login.client.auth.flow.verifyCode.mutate({ method: "totp", code: "000000" }),
			"UNAUTHORIZED",
			"AUTH.LOGIN_FLOW_EXPIRED",
		);
		const code = totp.generate({ timestamp: server.clock.now().getTime() });
		await expectError(
			login.client.auth.flow.verifyCode.mutate({ method: "totp", code }),
			"UNAUTHORIZED",
			"AUTH.LOGIN_FLOW_EXPIRED",
		);
	});

	it("removing TOTP needs a recent re-authentication and turns MFA off", async () => {
		const { client, user } = await signedIn(server);
		await enrolTotp(server, client);
		server.clock.advance(6 * MINUTE);
		await expectError(client.security.totp.remove.mutate(), "FORBIDDEN", "AUTH.REAUTH_REQUIRED");
		expect((await client.me.get.query()).twoFactorEnabled).toBe(true);
		await client.security.reauthenticate.mutate({ method: "password", password: user.password });
		await client.security.totp.remove.mutate();
		expect(await client.me.get.query()).toMatchObject({ twoFactorEnabled: false, twoFactorType: null });
	});
});

describe("lockout", () => {
	it("locks at the 10th failure even under 50 parallel wrong attempts, then refuses the right password for 30 minutes", async () => {
		const user = await server.seedUser();
		const attempts = await Promise.allSettled(
			Array.from({ length: 50 }, () =>
				server.client().auth.signIn.mutate({ tenant: "acme", email: user.email, password: "wrong-password-123456" }),
			),
		);
		expect(attempts.every((a) => a.status === "rejected")).toBe(true);
		const row = await server.db
			.selectFrom("users")
			.select(["failed_attempts", "locked_until"])
			.where("id", "=", user.id)
			.executeTakeFirstOrThrow();
		expect(row.failed_attempts).toBe(10);
		expect(row.locked_until?.getTime()).toBe(server.clock.now().getTime() + 30 * MINUTE);
		// Only ten attempts were ever evaluated: the audit shows ten bad passwords, the rest refused
		// (lockout.integration.test.ts checks which refusals may say "locked").
		const reasons = await server.db
			.selectFrom("audit_events")
			.select((eb) => ["details", eb.fn.countAll<number>().as("n")])
			.where("target_user_id", "=", user.id)
			.where("action", "=", "auth.sign_in")
			.groupBy("details")
			.execute();
		expect(reasons.find((r) => JSON.stringify(r.details).includes("bad_password"))?.n).toBe(10);

		await expectError(
			server.client().auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password }),
			"UNAUTHORIZED",
			"AUTH.INVALID_CREDENTIALS",
		);
		server.clock.advance(30 * MINUTE);
		expect(
			(await server.client().auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password })).status,
		).toBe("signed_in");
		const after = await server.db
			.selectFrom("users")
			.select("failed_attempts")
			.where("id", "=", user.id)
			.executeTakeFirstOrThrow();
		expect(after.failed_attempts).toBe(0);
	});

	it("shares one budget between password and second factor: 4 bad codes, password again, 6 bad codes → locked", async () => {
		const { user, client } = await signedIn(server);
		await enrolTotp(server, client);
		const first = await signIn(server, user);
		for (let i = 0; i < 4; i++)
			await failure(first.client.auth.flow.verifyCode.mutate({ method: "totp", code: "000000" }));
		const second = await signIn(server, user);
		expect(second.result.status).toBe("mfa_required");
		for (let i = 0; i < 5; i++)
			await failure(second.client.auth.flow.verifyCode.mutate({ method: "totp", code: "000000" }));
		const third = await signIn(server, user);
		expect(third.result.status).toBe("mfa_required");
		await failure(third.client.auth.flow.verifyCode.mutate({ method: "totp", code: "000000" }));
		const row = await server.db
			.selectFrom("users")
			.select(["failed_attempts", "locked_until"])
			.where("id", "=", user.id)
			.executeTakeFirstOrThrow();
		expect(row.failed_attempts).toBe(10);
		expect(row.locked_until).not.toBeNull();
		await expectError(
			signIn(server, user).then((l) => l.result),
			"UNAUTHORIZED",
			"AUTH.INVALID_CREDENTIALS",
		);
	});

	it("a lock ends the user's open sessions and tells them by email", async () => {
		const { user, client } = await signedIn(server);
		for (let i = 0; i < 10; i++)
			await failure(
				server.client().auth.signIn.mutate({ tenant: "acme", email: user.email, password: "nope-nope-nope" }),
			);
		await expectError(client.me.get.query(), "UNAUTHORIZED");
		expect((await server.lastMessage(user.email))?.template).toBe("account_locked");
	});
});

describe("password expiry and change", () => {
	it("after 90 days sign-in only allows changing the password, which must meet policy and differ from the last four", async () => {
		const user = await server.seedUser({ email: "expiry@example.com", password: STRONG });
		server.clock.advance(91 * DAY);
		const login = await signIn(server, user);
		expect(login.result).toMatchObject({ status: "password_change_required", reason: "expired" });
		await expectError(login.client.me.get.query(), "UNAUTHORIZED");
		// The right password is not a failure: the attempt it reserved is given back.
		const budget = await server.db
			.selectFrom("users")
			.select("failed_attempts")
			.where("id", "=", user.id)
			.executeTakeFirstOrThrow();
		expect(budget.failed_attempts).toBe(0);

		const weak = await expectError(
			login.client.auth.flow.changePassword.mutate({ newPassword: "short1" }),
			"BAD_REQUEST",
			"PASSWORD.POLICY_VIOLATION",
		);
		expect(JSON.stringify(weak.data?.details)).toContain("TOO_SHORT");
		await expectError(
			login.client.auth.flow.changePassword.mutate({ newPassword: STRONG }),
			"BAD_REQUEST",
			"AUTH.PASSWORD_REUSED",
		);
		const done = await login.client.auth.flow.changePassword.mutate({ newPassword: "new-Orchard-violin-42-breeze" });
		expect(done.status).toBe("signed_in");
		expect((await login.client.me.get.query()).passwordChangedAt?.getTime()).toBe(server.clock.now().getTime());
		expect((await server.lastMessage(user.email))?.template).toBe("password_changed");
	});

	it("the change in a sign-in is made once: of 10 parallel changes one is stored and signs in", async () => {
		const user = await server.seedUser({ password: STRONG });
		server.clock.advance(91 * DAY);
		const login = await signIn(server, user);
		expect(login.result).toMatchObject({ status: "password_change_required" });
		// Ten different passwords: a second change stored after the first would leave the person
		// signed in under one password while another is the one that works.
		const passwords = Array.from({ length: 10 }, (_, i) => `parallel-Orchard-violin-${i}-breeze`);
		const succeeded = await succeededElseRefused(
			passwords.map((newPassword) => login.client.auth.flow.changePassword.mutate({ newPassword })),
			"AUTH.LOGIN_FLOW_EXPIRED",
		);
		const stored = succeeded.map(({ index }) => passwords[index]);
		expect(stored).toHaveLength(1);
		const changes = await server.db
			.selectFrom("audit_events")
			.select("id")
			.where("target_user_id", "=", user.id)
			.where("action", "=", "auth.password_changed")
			.execute();
		expect(changes).toHaveLength(1);
		expect((await signIn(server, { ...user, password: stored[0] ?? "" })).result.status).toBe("signed_in");
		const other = passwords.find((password) => password !== stored[0]) ?? "";
		await expectError(signIn(server, { ...user, password: other }), "UNAUTHORIZED");
	});

	it("a second-factor step leads on once: of 5 parallel right answers one opens the password change", async () => {
		const { user, client } = await signedIn(server, { password: STRONG });
		await enrolTotp(server, client);
		const { codes } = await client.security.regenerateRecoveryCodes.mutate();
		server.clock.advance(91 * DAY);
		const login = await signIn(server, user);
		expect(login.result).toMatchObject({ status: "mfa_required" });
		// Five different recovery codes: each one is a right answer on its own.
		const succeeded = await succeededElseRefused(
			codes.slice(0, 5).map((code) => login.client.auth.flow.verifyCode.mutate({ method: "recovery_code", code })),
			"AUTH.LOGIN_FLOW_EXPIRED",
		);
		expect(succeeded.map(({ value }) => value)).toMatchObject([{ status: "password_change_required" }]);
		const open = await server.db
			.selectFrom("login_flows")
			.select("stage")
			.where("user_id", "=", user.id)
			.where("consumed_at", "is", null)
			.execute();
		expect(open).toEqual([{ stage: "password_change" }]);
	});

	it("changing the password needs the current one (a wrong one counts), and ends the other sessions", async () => {
		const { user, client } = await signedIn(server, { password: STRONG });
		const other = await signIn(server, user);
		await expectError(
			client.security.changePassword.mutate({
				currentPassword: "not-it-at-all",
				newPassword: "fresh-Meadow-copper-93-kite",
			}),
			"UNAUTHORIZED",
			"AUTH.WRONG_PASSWORD",
		);
		expect(
			(
				await server.db
					.selectFrom("users")
					.select("failed_attempts")
					.where("id", "=", user.id)
					.executeTakeFirstOrThrow()
			).failed_attempts,
		).toBe(1);
		await client.security.changePassword.mutate({
			currentPassword: STRONG,
			newPassword: "fresh-Meadow-copper-93-kite",
		});
		await client.me.get.query();
		await expectError(other.client.me.get.query(), "UNAUTHORIZED");
		const history = await server.db
			.selectFrom("password_history")
			.select("password_hash")
			.where("user_id", "=", user.id)
			.execute();
		expect(history).toHaveLength(1);
	});

	it("of changes racing from several sessions with the same current password, exactly one is stored", async () => {
		// Someone else who knows the old password must not win against the owner changing it: a
		// change stored after another would keep its own session and end the owner's.
		const user = await server.seedUser({ password: STRONG });
		const sessions = await Promise.all(Array.from({ length: 5 }, () => signedInAs(server, user)));
		const passwords = sessions.map((_, i) => `racing-Meadow-copper-${i}-kite`);
		const succeeded = await succeededElseRefused(
			sessions.map(({ client }, i) =>
				client.security.changePassword.mutate({ currentPassword: STRONG, newPassword: passwords[i] ?? "" }),
			),
			"AUTH.WRONG_PASSWORD",
		);
		expect(succeeded).toHaveLength(1);
		const winner = succeeded[0]?.index ?? -1;
		for (const [i, { client }] of sessions.entries()) {
			if (i === winner) await client.me.get.query();
			else await expectError(client.me.get.query(), "UNAUTHORIZED");
		}
		expect((await signIn(server, { ...user, password: passwords[winner] ?? "" })).result.status).toBe("signed_in");
	});
});

describe("email codes", () => {
	it("enabled as a factor, sign-in sends a code bound to that flow; it expires, has five attempts and works once", async () => {
		const { user, client } = await signedIn(server, { email: "codes@example.com" });
		await client.security.mfa.setChannel.mutate({ channel: "email", enabled: true });
		expect(await client.me.get.query()).toMatchObject({ twoFactorEnabled: true, twoFactorType: "email" });

		const a = await signIn(server, user);
		expect(a.result).toMatchObject({ status: "mfa_required", methods: ["email", "recovery_code"] });
		await a.client.auth.flow.sendCode.mutate({ channel: "email" });
		const codeA = await server.lastCode(user.email);
		await expectError(
			a.client.auth.flow.sendCode.mutate({ channel: "email" }),
			"TOO_MANY_REQUESTS",
			"MFA.CODE_RATE_LIMITED",
		);

		// A code from sign-in A does not work in sign-in B.
		const b = await signIn(server, user);
		await expectError(
			b.client.auth.flow.verifyCode.mutate({ method: "email", code: codeA }),
			"UNAUTHORIZED",
			"MFA.INVALID_CODE",
		);

		server.clock.advance(5 * MINUTE + 1000);
		await expectError(
			a.client.auth.flow.verifyCode.mutate({ method: "email", code: codeA }),
			"UNAUTHORIZED",
			"MFA.INVALID_CODE",
		);

		const c = await signIn(server, user);
		await c.client.auth.flow.sendCode.mutate({ channel: "email" });
		const codeC = await server.lastCode(user.email);
		expect(
			(
				await server.db
					.selectFrom("one_time_codes")
					.select("code_hash")
					.orderBy("created_at", "desc")
					.limit(1)
					.executeTakeFirstOrThrow()
			).code_hash,
		).not.toContain(codeC);
		expect((await c.client.auth.flow.verifyCode.mutate({ method: "email", code: codeC })).status).toBe("signed_in");
		const d = await signIn(server, user);
		await expectError(
			d.client.auth.flow.verifyCode.mutate({ method: "email", code: codeC }),
			"UNAUTHORIZED",
			"MFA.INVALID_CODE",
		);
	});

	it("needs a verified address to be turned on", async () => {
		const { user, client } = await signedIn(server);
		await server.db.updateTable("users").set({ email_verified: false }).where("id", "=", user.id).execute();
		await expectError(
			client.security.mfa.setChannel.mutate({ channel: "email", enabled: true }),
			"BAD_REQUEST",
			"MFA.METHOD_NOT_AVAILABLE",
		);
	});
});

describe("SMS codes", () => {
	it("a verified number with SMS enabled signs in with a code sent to that number", async () => {
		const { user, client } = await signedIn(server);
		await client.security.phone.requestChange.mutate({ phone: "+31 6 33334444" });
		await client.security.phone.confirm.mutate({ code: await server.lastCode("+31633334444") });
		await client.security.mfa.setChannel.mutate({ channel: "sms", enabled: true });
		expect(await client.me.get.query()).toMatchObject({
			twoFactorEnabled: true,
			twoFactorType: "sms",
			phoneVerified: true,
		});

		const login = await signIn(server, user);
		expect(login.result).toMatchObject({
			status: "mfa_required",
			methods: ["sms", "recovery_code"],
			preferred: "sms",
		});
		const state = await login.client.auth.flow.state.query();
		expect(state.destinations.sms).toBe("+31•••4444");
		await login.client.auth.flow.sendCode.mutate({ channel: "sms" });
		const message = await server.lastMessage("+31633334444");
		expect(message?.template).toBe("sign_in_code");
		expect(message?.subject).toBeNull();
		const done = await login.client.auth.flow.verifyCode.mutate({
			method: "sms",
			code: await server.lastCode("+31633334444"),
		});
		expect(done.status).toBe("signed_in");
	});
});

describe("recovery codes", () => {
	it("ten codes shown once, stored hashed; one code works exactly once across parallel sign-ins", async () => {
		const { user, client } = await signedIn(server);
		await enrolTotp(server, client);
		const { codes } = await client.security.regenerateRecoveryCodes.mutate();
		expect(codes).toHaveLength(10);
		for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
		const stored = await server.db
			.selectFrom("recovery_codes")
			.select("code_hash")
			.where("user_id", "=", user.id)
			.execute();
		expect(stored.every((row) => row.code_hash.startsWith("$argon2id$"))).toBe(true);
		expect((await client.security.overview.query()).mfa.recoveryCodesRemaining).toBe(10);

		const logins = await Promise.all(Array.from({ length: 8 }, () => signIn(server, user)));
		for (const login of logins)
			expect(login.result).toMatchObject({ status: "mfa_required", methods: ["totp", "recovery_code"] });
		const code = codes[0] ?? "";
		const results = await Promise.allSettled(
			logins.map((login) =>
				login.client.auth.flow.verifyCode.mutate({ method: "recovery_code", code: code.toLowerCase() }),
			),
		);
		expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
		expect((await client.security.overview.query()).mfa.recoveryCodesRemaining).toBe(9);
	});

	it("regenerating voids every earlier code", async () => {
		const { user, client } = await signedIn(server);
		await enrolTotp(server, client);
		const { codes: old } = await client.security.regenerateRecoveryCodes.mutate();
		await client.security.regenerateRecoveryCodes.mutate();
		const login = await signIn(server, user);
		await expectError(
			login.client.auth.flow.verifyCode.mutate({ method: "recovery_code", code: old[1] ?? "" }),
			"UNAUTHORIZED",
			"MFA.INVALID_CODE",
		);
	});
});

describe("sessions and re-authentication", () => {
	it("lists own sessions with device details, revokes one and all others", async () => {
		const { user, client } = await signedIn(server);
		const second = await signIn(server, user);
		const third = await signIn(server, user);
		const sessions = await client.security.sessions.list.query();
		expect(sessions).toHaveLength(3);
		expect(sessions.filter((s) => s.current)).toHaveLength(1);
		const notMine = sessions.find((s) => !s.current);
		await client.security.sessions.revoke.mutate({ sessionId: notMine?.id ?? "" });
		expect(await client.security.sessions.list.query()).toHaveLength(2);
		expect((await client.security.sessions.revokeOthers.mutate()).revoked).toBe(1);
		await expectError(second.client.me.get.query(), "UNAUTHORIZED");
		await expectError(third.client.me.get.query(), "UNAUTHORIZED");
		await client.me.get.query();
	});

	it("cannot revoke someone else's session", async () => {
		const { client } = await signedIn(server);
		const victim = await signedIn(server);
		const victimSession = await server.db
			.selectFrom("sessions")
			.select("id")
			.where("user_id", "=", victim.user.id)
			.executeTakeFirstOrThrow();
		await client.security.sessions.revoke.mutate({ sessionId: victimSession.id });
		await victim.client.me.get.query();
	});

	it("a stale session must re-authenticate for sensitive changes; doing so issues a new session token", async () => {
		const { client, jar, user } = await signedIn(server);
		server.clock.advance(6 * MINUTE);
		await client.me.get.query();
		await expectError(client.security.totp.begin.mutate(), "FORBIDDEN", "AUTH.REAUTH_REQUIRED");
		await expectError(client.security.regenerateRecoveryCodes.mutate(), "FORBIDDEN", "AUTH.REAUTH_REQUIRED");
		await expectError(
			client.security.reauthenticate.mutate({ method: "password", password: "wrong-wrong-wrong" }),
			"UNAUTHORIZED",
			"AUTH.WRONG_PASSWORD",
		);
		const before = jar.get("__Host-tessera_session");
		await client.security.reauthenticate.mutate({ method: "password", password: user.password });
		expect(jar.get("__Host-tessera_session")).not.toBe(before);
		const stale = server.client(new Map([["__Host-tessera_session", before ?? ""]]));
		await expectError(stale.me.get.query(), "UNAUTHORIZED");
		await client.security.totp.begin.mutate();
	});
});

describe("MFA policy and required actions", () => {
	async function adminCreatedDaysAgo(days: number) {
		const user = await server.seedUser({ roles: [{ key: "tenant_admin" }] });
		await server.db
			.updateTable("users")
			.set({ created_at: new Date(server.clock.now().getTime() - days * DAY) })
			.where("id", "=", user.id)
			.execute();
		return user;
	}

	it("an administrator past the grace period must enrol an allowed method before any admin procedure works", async () => {
		const admin = await adminCreatedDaysAgo(8);
		const target = await server.seedUser();
		const { client, result } = await signIn(server, admin);
		expect(result).toMatchObject({ status: "signed_in", requiredActions: ["enroll_mfa"] });
		expect((await client.me.get.query()).requiredActions).toEqual(["enroll_mfa"]);
		const blocked = await expectError(
			client.users.get.query({ userId: target.id }),
			"FORBIDDEN",
			"AUTH.REQUIRED_ACTIONS_PENDING",
		);
		expect(blocked.data?.details).toEqual({ requiredActions: ["enroll_mfa"] });
		await enrolTotp(server, client);
		expect((await client.me.get.query()).requiredActions).toEqual([]);
		await client.users.get.query({ userId: target.id });
	});

	it("email codes never count as an administrator's second factor", async () => {
		const admin = await adminCreatedDaysAgo(8);
		const { client } = await signIn(server, admin);
		await client.security.mfa.setChannel.mutate({ channel: "email", enabled: true });
		expect((await client.me.get.query()).requiredActions).toEqual(["enroll_mfa"]);
		// Next sign-in does not offer email as the second factor, and still demands enrolment.
		const again = await signIn(server, admin);
		expect(again.result).toMatchObject({ status: "signed_in", requiredActions: ["enroll_mfa"] });
	});

	it("within the grace period an administrator is not yet forced", async () => {
		const admin = await adminCreatedDaysAgo(2);
		const { result } = await signIn(server, admin);
		expect(result).toMatchObject({ status: "signed_in", requiredActions: [] });
	});

	it("the last allowed method cannot be removed while policy requires MFA", async () => {
		const admin = await adminCreatedDaysAgo(1);
		const { client } = await signIn(server, admin);
		await enrolTotp(server, client);
		await expectError(client.security.totp.remove.mutate(), "CONFLICT", "MFA.REQUIRED_BY_POLICY");
		expect((await client.me.get.query()).twoFactorEnabled).toBe(true);
	});

	/** A stored passkey: the removal rules look at its row, never at its key material. */
	async function storePasskey(user: { id: string; tenantId: string }) {
		const row = await server.db
			.insertInto("passkeys")
			.values({
				tenant_id: user.tenantId,
				user_id: user.id,
				credential_id: randomBytes(16).toString("base64url"),
				public_key: "unused",
				aaguid: "00000000-0000-0000-0000-000000000000",
				name: "Test key",
				device_type: "multiDevice",
				backed_up: true,
				created_at: server.clock.now(),
			})
			.returning("id")
			.executeTakeFirstOrThrow();
		return row.id;
	}

	it("removals at once cannot take the last allowed method: of the app and the only passkey, one stays", async () => {
		const admin = await adminCreatedDaysAgo(1);
		const { client } = await signIn(server, admin);
		await enrolTotp(server, client);
		const passkeyId = await storePasskey(admin);
		const removed = await succeededElseRefused<unknown>(
			[client.security.totp.remove.mutate(), client.security.passkeys.remove.mutate({ passkeyId })],
			"MFA.REQUIRED_BY_POLICY",
		);
		expect(removed).toHaveLength(1);
		expect((await client.me.get.query()).twoFactorEnabled).toBe(true);
	});

	it("removals at once cannot take the last allowed method: of two passkeys removed together, one stays", async () => {
		const admin = await adminCreatedDaysAgo(1);
		const { client } = await signIn(server, admin);
		const passkeys = [await storePasskey(admin), await storePasskey(admin)];
		const removed = await succeededElseRefused(
			passkeys.map((passkeyId) => client.security.passkeys.remove.mutate({ passkeyId })),
			"MFA.REQUIRED_BY_POLICY",
		);
		expect(removed).toHaveLength(1);
		expect(await client.security.passkeys.list.query()).toHaveLength(1);
	});
});

describe("email and phone verification", () => {
	it("changing the email sends a code to the new address, switches only on confirm, and tells the old one", async () => {
		const { user, client } = await signedIn(server, { email: "old-address@example.com" });
		await client.security.email.requestChange.mutate({ email: "New-Address@Example.com" });
		expect((await client.me.get.query()).email).toBe("old-address@example.com");
		const code = await server.lastCode("new-address@example.com");
		await expectError(
			client.security.email.confirm.mutate({ code: code === "000000" ? "111111" : "000000" }),
			"UNAUTHORIZED",
			"MFA.INVALID_CODE",
		);
		await client.security.email.confirm.mutate({ code });
		expect(await client.me.get.query()).toMatchObject({ email: "new-address@example.com", emailVerified: true });
		expect((await server.lastMessage("old-address@example.com"))?.template).toBe("email_changed");
		const audit = await server.db
			.selectFrom("audit_events")
			.select("action")
			.where("target_user_id", "=", user.id)
			.where("action", "=", "user.email_changed")
			.execute();
		expect(audit).toHaveLength(1);
	});

	it("an email change is confirmed only in the session that asked, and ends every other session", async () => {
		const { user, client } = await signedIn(server, { email: "bound-change@example.com" });
		const other = await signedInAs(server, user);
		await client.security.email.requestChange.mutate({ email: "bound-next@example.com" });
		const code = await server.lastCode("bound-next@example.com");
		// Someone signed in elsewhere who reads the new mailbox cannot finish the change there.
		await expectError(other.client.security.email.confirm.mutate({ code }), "UNAUTHORIZED", "MFA.INVALID_CODE");
		await client.security.email.confirm.mutate({ code });
		expect((await client.me.get.query()).email).toBe("bound-next@example.com");
		await expectError(other.client.me.get.query(), "UNAUTHORIZED");
		expect(await liveSessionsOf(server, user.id)).toHaveLength(1);
	});

	it("an address another user has is refused", async () => {
		const taken = await server.seedUser({ email: "taken@example.com" });
		const { client } = await signedIn(server);
		await expectError(
			client.security.email.requestChange.mutate({ email: taken.email }),
			"CONFLICT",
			"USER.EMAIL_TAKEN",
		);
	});

	it("a new phone number is confirmed by SMS to that number before it is verified", async () => {
		const { client } = await signedIn(server);
		await client.security.phone.requestChange.mutate({ phone: "+31 6 11112222" });
		expect((await server.lastMessage("+31611112222"))?.template).toBe("verify_phone_code");
		await client.security.phone.confirm.mutate({ code: await server.lastCode("+31611112222") });
		expect(await client.me.get.query()).toMatchObject({ phone: "+31611112222", phoneVerified: true });
		await client.security.mfa.setChannel.mutate({ channel: "sms", enabled: true });
		expect((await client.security.overview.query()).mfa.enrolled).toContain("sms");
	});
});
