/**
 * The lock consequences (SECURITY A12–A14, S07) on every path that checks a secret: whichever
 * path spends the last attempt of the budget, the account locks, every session of the user ends,
 * one `auth.locked` row is written and one "account_locked" notice is queued.
 */
import type * as PasswordModule from "@tessera/core/passwords/password-hash";
import { TOTP, URI } from "otpauth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type SeededUser, startTestServer, type TestClient, type TestServer } from "../src/testing";
import { expectError, failure, liveSessionsOf, signedInAs } from "./helpers";

/**
 * Password checks, observable and, when held, paused: the server runs in this process, so the
 * parallel test can keep the attempts that reserved the budget in flight for as long as it needs
 * instead of racing them. Unheld, every check runs as usual.
 */
const checks = vi.hoisted(() => {
	let release = () => {};
	let released = Promise.resolve();
	return {
		started: 0,
		held: false,
		get released() {
			return released;
		},
		hold() {
			this.started = 0;
			this.held = true;
			released = new Promise<void>((resolve) => {
				release = resolve;
			});
		},
		release() {
			this.held = false;
			release();
		},
	};
});
vi.mock("@tessera/core/passwords/password-hash", async (importOriginal) => {
	const original = await importOriginal<typeof PasswordModule>();
	return {
		...original,
		async verifyPassword(passwordHash: string, password: string) {
			if (checks.held) {
				checks.started++;
				await checks.released;
			}
			return original.verifyPassword(passwordHash, password);
		},
	};
});

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const MINUTE = 60_000;
/** The default tenant policy: ten failures lock for thirty minutes. */
const THRESHOLD = 10;
const LOCK_MINUTES = 30;

/** A user with two sessions, as on a laptop and a phone: the one that acts, and another. */
async function userWithTwoSessions() {
	const user = await server.seedUser();
	const { client: acting } = await signedInAs(server, user);
	const { client: other } = await signedInAs(server, user);
	return { user, acting, other };
}

/** The lock and its consequences, each exactly once. */
async function expectLockedWithConsequences(user: SeededUser, clients: TestClient[]) {
	const row = await server.db
		.selectFrom("users")
		.select(["failed_attempts", "locked_until"])
		.where("id", "=", user.id)
		.executeTakeFirstOrThrow();
	expect(row.failed_attempts).toBe(THRESHOLD);
	expect(row.locked_until?.getTime()).toBe(server.clock.now().getTime() + LOCK_MINUTES * MINUTE);
	const live = await liveSessionsOf(server, user.id);
	expect(live).toEqual([]);
	for (const client of clients) await expectError(client.me.get.query(), "UNAUTHORIZED", "AUTH.UNAUTHENTICATED");
	const locks = await server.db
		.selectFrom("audit_events")
		.select(["actor_user_id", "details"])
		.where("target_user_id", "=", user.id)
		.where("action", "=", "auth.locked")
		.execute();
	expect(locks).toEqual([{ actor_user_id: null, details: { threshold: THRESHOLD, minutes: LOCK_MINUTES } }]);
	const notices = await server.db
		.selectFrom("outbox")
		.select(["recipient", "template"])
		.where("user_id", "=", user.id)
		.where("template", "=", "account_locked")
		.execute();
	expect(notices).toEqual([{ recipient: user.email, template: "account_locked" }]);
	// Locked means locked: the right password is refused too, with the generic answer.
	await expectError(
		server.client().auth.signIn.mutate({ tenant: user.tenantSlug, email: user.email, password: user.password }),
		"UNAUTHORIZED",
		"AUTH.INVALID_CREDENTIALS",
	);
}

/** Failure audit rows of one action for the user, as [outcome, details], oldest first. */
async function auditOf(user: SeededUser, action: string) {
	const rows = await server.db
		.selectFrom("audit_events")
		.select(["id", "outcome", "details"])
		.where("target_user_id", "=", user.id)
		.where("action", "=", action)
		.orderBy("id")
		.execute();
	return rows;
}

describe("the lock and its consequences are the same on every path", () => {
	it("sign-in with a password", async () => {
		const { user, acting, other } = await userWithTwoSessions();
		for (let i = 0; i < THRESHOLD; i++) {
			await expectError(
				server.client().auth.signIn.mutate({ tenant: "acme", email: user.email, password: "wrong-wrong-wrong" }),
				"UNAUTHORIZED",
				"AUTH.INVALID_CREDENTIALS",
			);
		}
		await expectLockedWithConsequences(user, [acting, other]);
		const failures = (await auditOf(user, "auth.sign_in")).filter((r) => r.outcome === "failure");
		expect(failures.map((r) => r.details)).toEqual([
			...Array.from({ length: THRESHOLD }, () => ({ method: "password", reason: "bad_password" })),
			// The right password tried above, after the lock was set.
			{ method: "password", reason: "locked" },
		]);
	});

	it("sign-in's second factor (TOTP): two flows of five wrong codes, the passwords right", async () => {
		const { user, acting, other } = await userWithTwoSessions();
		const enrolment = await acting.security.totp.begin.mutate();
		const totp = URI.parse(enrolment.otpauthUri);
		if (!(totp instanceof TOTP)) throw new Error("not a TOTP URI");
		await acting.security.totp.confirm.mutate({ code: totp.generate({ timestamp: server.clock.now().getTime() }) });
		const wrong = totp.generate({ timestamp: server.clock.now().getTime() + 10 * MINUTE });

		for (let flow = 0; flow < THRESHOLD / 5; flow++) {
			const login = server.client();
			const start = await login.auth.signIn.mutate({ tenant: "acme", email: user.email, password: user.password });
			expect(start.status).toBe("mfa_required");
			for (let i = 0; i < 4; i++) {
				await expectError(
					login.auth.flow.verifyCode.mutate({ method: "totp", code: wrong }),
					"UNAUTHORIZED",
					"MFA.INVALID_CODE",
				);
			}
			// The fifth wrong code ends the flow (M08); in the second flow it also spends the budget.
			await expectError(
				login.auth.flow.verifyCode.mutate({ method: "totp", code: wrong }),
				"UNAUTHORIZED",
				"AUTH.LOGIN_FLOW_EXPIRED",
			);
		}
		await expectLockedWithConsequences(user, [acting, other]);
		const failures = (await auditOf(user, "auth.second_factor")).filter((r) => r.outcome === "failure");
		expect(failures.map((r) => r.details)).toEqual(
			[1, 2, 3, 4, 5, 1, 2, 3, 4, 5].map((flowFailures) => ({ method: "totp", flowFailures })),
		);
	});

	it("re-authentication with a password", async () => {
		const { user, acting, other } = await userWithTwoSessions();
		for (let i = 0; i < THRESHOLD; i++) {
			await expectError(
				acting.security.reauthenticate.mutate({ method: "password", password: "wrong-wrong-wrong" }),
				"UNAUTHORIZED",
				"AUTH.WRONG_PASSWORD",
			);
		}
		await expectLockedWithConsequences(user, [acting, other]);
		const rows = await auditOf(user, "auth.reauthenticate");
		expect(rows.map((r) => [r.outcome, r.details])).toEqual(
			Array.from({ length: THRESHOLD }, () => ["failure", { method: "password" }]),
		);
	});

	it("re-authentication with a TOTP code", async () => {
		const { user, acting, other } = await userWithTwoSessions();
		const enrolment = await acting.security.totp.begin.mutate();
		const totp = URI.parse(enrolment.otpauthUri);
		if (!(totp instanceof TOTP)) throw new Error("not a TOTP URI");
		await acting.security.totp.confirm.mutate({ code: totp.generate({ timestamp: server.clock.now().getTime() }) });
		const wrong = totp.generate({ timestamp: server.clock.now().getTime() + 10 * MINUTE });
		for (let i = 0; i < THRESHOLD; i++) {
			await expectError(
				acting.security.reauthenticate.mutate({ method: "totp", code: wrong }),
				"UNAUTHORIZED",
				"AUTH.WRONG_PASSWORD",
			);
		}
		await expectLockedWithConsequences(user, [acting, other]);
	});

	it("password change (the current-password check)", async () => {
		const { user, acting, other } = await userWithTwoSessions();
		for (let i = 0; i < THRESHOLD; i++) {
			await expectError(
				acting.security.changePassword.mutate({
					currentPassword: "wrong-wrong-wrong",
					newPassword: "fresh-Meadow-copper-93-kite",
				}),
				"UNAUTHORIZED",
				"AUTH.WRONG_PASSWORD",
			);
		}
		await expectLockedWithConsequences(user, [acting, other]);
		const rows = await auditOf(user, "auth.password_change");
		expect(rows.map((r) => [r.outcome, r.details])).toEqual(
			Array.from({ length: THRESHOLD }, () => ["failure", { reason: "wrong_current_password" }]),
		);
		const stored = await server.db.selectFrom("password_history").select("id").where("user_id", "=", user.id).execute();
		expect(stored).toEqual([]);
	});
});

describe("parallel attempts", () => {
	it("50 parallel wrong passwords: ten are checked, one lock, and no refusal claims a lock that does not exist yet", async () => {
		const user = await server.seedUser();
		const { client: session } = await signedInAs(server, user);
		const wrong = { tenant: "acme", email: user.email, password: "wrong-password-123456" };

		// Hold every password check: whichever ten attempts reserve the budget stay in flight.
		checks.hold();
		let answered = 0;
		const batch = Array.from({ length: 50 }, () =>
			server
				.client()
				.auth.signIn.mutate(wrong)
				.finally(() => answered++),
		);
		const settled = Promise.allSettled(batch);
		await vi.waitFor(
			() => {
				expect(checks.started).toBe(THRESHOLD);
				expect(answered).toBe(50 - THRESHOLD);
			},
			{ timeout: 20_000, interval: 20 },
		);
		// Forty answered while ten are in flight: there is no lock yet, and no row may claim one.
		const inFlight = await server.db
			.selectFrom("users")
			.select(["failed_attempts", "locked_until"])
			.where("id", "=", user.id)
			.executeTakeFirstOrThrow();
		expect(inFlight).toEqual({ failed_attempts: THRESHOLD, locked_until: null });
		const refusals = await failureReasons(user);
		expect(refusals).toEqual(Array.from({ length: 50 - THRESHOLD }, () => "attempts_in_flight"));
		expect(await auditOf(user, "auth.locked")).toEqual([]);

		checks.release();
		expect((await settled).every((a) => a.status === "rejected")).toBe(true);
		expect(checks.started).toBe(THRESHOLD);
		// Attempts made after the lock was set: these, and only these, are refused as "locked".
		const afterLock = 3;
		for (let i = 0; i < afterLock; i++) await failure(server.client().auth.signIn.mutate(wrong));
		expect(checks.started).toBe(THRESHOLD);

		const reasons = await failureReasons(user);
		const count = (reason: string) => reasons.filter((r) => r === reason).length;
		expect(count("bad_password")).toBe(THRESHOLD);
		expect(count("attempts_in_flight")).toBe(50 - THRESHOLD);
		expect(count("locked")).toBe(afterLock);
		expect(reasons).toHaveLength(50 + afterLock);
		// In the order they were written, every "locked" row follows the lock's own row.
		const [lock] = await auditOf(user, "auth.locked");
		const rows = await auditOf(user, "auth.sign_in");
		const lockedRows = rows.filter((r) => r.details.reason === "locked");
		expect(lockedRows.every((r) => r.id > (lock?.id ?? Number.POSITIVE_INFINITY))).toBe(true);
		await expectLockedWithConsequences(user, [session]);
	});
});

/** The reasons of the user's failed sign-ins, oldest first. */
async function failureReasons(user: SeededUser): Promise<string[]> {
	const rows = await auditOf(user, "auth.sign_in");
	return rows.filter((r) => r.outcome === "failure").map((r) => String(r.details.reason));
}
