import { randomBytes } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@tessera/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_TENANT_POLICY, type TenantPolicy } from "../policy/tenant-policy";
import { MINUTE, TestClock } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import { SecretBox } from "../shared/secret-box";
import { inTransaction } from "../shared/tx";
import { type AttemptOutcome, attemptCredential, type CredentialKind } from "./credential-attempt.service";
import { startSession } from "./session.service";

let database: TestDatabase;
let deps: CoreDeps;
const clock = new TestClock(new Date("2026-03-01T09:00:00Z"));
const META = { ip: "203.0.113.7", userAgent: "vitest" };
/** A small budget keeps the cases short; the rules do not depend on its size. */
const THRESHOLD = 3;
const POLICY: TenantPolicy = { ...DEFAULT_TENANT_POLICY, lockout: { threshold: THRESHOLD, durationMinutes: 30 } };
const PASSWORD_SIGN_IN: CredentialKind = { type: "password_sign_in" };
let counter = 0;

beforeAll(async () => {
	database = await createTestDatabase();
	deps = { db: database.db, clock, secrets: new SecretBox(randomBytes(32)) };
});
afterAll(async () => {
	await database?.destroy();
});

/** A tenant and an active user with an email address and one open session. */
async function createUser() {
	const n = ++counter;
	const tenant = await database.db
		.insertInto("tenants")
		.values({ slug: `attempts-${n}`, name: "Attempts" })
		.returning("id")
		.executeTakeFirstOrThrow();
	const user = await database.db
		.insertInto("users")
		.values({ tenant_id: tenant.id, state: "active", email: `attempts${n}@example.com` })
		.returning("id")
		.executeTakeFirstOrThrow();
	await inTransaction(database.db, (trx) =>
		startSession(trx, clock, { tenantId: tenant.id, userId: user.id, amr: ["password"] }, META),
	);
	return { tenantId: tenant.id, userId: user.id };
}

type User = Awaited<ReturnType<typeof createUser>>;

function attempt(user: User, verify: () => Promise<boolean>, kind = PASSWORD_SIGN_IN, keepOnSuccess = false) {
	return attemptCredential(deps, { user, policy: POLICY, meta: META, kind, keepOnSuccess }, verify);
}

const wrong = () => Promise.resolve(false);
const right = () => Promise.resolve(true);

async function budgetOf(user: User) {
	return database.db
		.selectFrom("users")
		.select(["failed_attempts", "locked_until"])
		.where("id", "=", user.userId)
		.executeTakeFirstOrThrow();
}

async function consequencesOf(user: User) {
	const [locks, notices, liveSessions] = await Promise.all([
		database.db
			.selectFrom("audit_events")
			.select("id")
			.where("target_user_id", "=", user.userId)
			.where("action", "=", "auth.locked")
			.execute(),
		database.db
			.selectFrom("outbox")
			.select("id")
			.where("user_id", "=", user.userId)
			.where("template", "=", "account_locked")
			.execute(),
		database.db
			.selectFrom("sessions")
			.select("id")
			.where("user_id", "=", user.userId)
			.where("revoked_at", "is", null)
			.execute(),
	]);
	return { locks: locks.length, notices: notices.length, liveSessions: liveSessions.length };
}

async function signInReasons(user: User) {
	const rows = await database.db
		.selectFrom("audit_events")
		.select("details")
		.where("target_user_id", "=", user.userId)
		.where("action", "=", "auth.sign_in")
		.orderBy("id")
		.execute();
	return rows.map((row) => row.details.reason);
}

describe("attemptCredential", () => {
	it("a success gives back its own reservation only: the other failures stay counted", async () => {
		const user = await createUser();
		await attempt(user, wrong);
		await attempt(user, wrong);
		expect(await attempt(user, right)).toEqual({ status: "verified" });
		expect((await budgetOf(user)).failed_attempts).toBe(2);
		// Kept for the caller (sign-in hands it to the next step), it stays reserved.
		expect(await attempt(user, right, PASSWORD_SIGN_IN, true)).toEqual({ status: "verified" });
		expect((await budgetOf(user)).failed_attempts).toBe(3);
	});

	it("refuses while attempts are in flight without claiming a lock; the lock follows them, once", async () => {
		const user = await createUser();
		let release: (verdict: boolean) => void = () => {};
		const verdict = new Promise<boolean>((resolve) => {
			release = resolve;
		});
		let checking = 0;
		const held = Array.from({ length: THRESHOLD }, () =>
			attempt(user, () => {
				checking++;
				return verdict;
			}),
		);
		while (checking < THRESHOLD) await new Promise((resolve) => setTimeout(resolve, 5));

		let checked = false;
		const refused = await attempt(user, async () => {
			checked = true;
			return true;
		});
		expect(refused).toEqual({ status: "refused", reason: "attempts_in_flight" });
		expect(checked).toBe(false);
		expect(await budgetOf(user)).toEqual({ failed_attempts: THRESHOLD, locked_until: null });

		release(false);
		const outcomes: AttemptOutcome[] = await Promise.all(held);
		expect(outcomes.filter((o) => o.status === "failed" && o.locked)).toHaveLength(1);
		expect(outcomes.every((o) => o.status === "failed")).toBe(true);
		expect((await budgetOf(user)).locked_until).toEqual(new Date(clock.now().getTime() + 30 * MINUTE));
		expect(await consequencesOf(user)).toEqual({ locks: 1, notices: 1, liveSessions: 0 });

		expect(await attempt(user, right)).toEqual({ status: "refused", reason: "locked" });
		expect(await signInReasons(user)).toEqual([
			"attempts_in_flight",
			"bad_password",
			"bad_password",
			"bad_password",
			"locked",
		]);
	});

	it("an error during the check keeps the attempt spent, and the lock still follows when that spent the budget", async () => {
		const user = await createUser();
		await attempt(user, wrong);
		await attempt(user, wrong);
		const broken = new Error("the check broke");
		await expect(attempt(user, () => Promise.reject(broken))).rejects.toBe(broken);
		expect((await budgetOf(user)).failed_attempts).toBe(THRESHOLD);
		expect((await budgetOf(user)).locked_until).not.toBeNull();
		expect(await consequencesOf(user)).toEqual({ locks: 1, notices: 1, liveSessions: 0 });
		// No verdict, no failure row: only the two wrong passwords are audited.
		expect(await signInReasons(user)).toEqual(["bad_password", "bad_password"]);
	});

	it("an expired lock is cleared by the next reservation and the budget starts again", async () => {
		const user = await createUser();
		for (let i = 0; i < THRESHOLD; i++) await attempt(user, wrong);
		expect(await attempt(user, right)).toEqual({ status: "refused", reason: "locked" });
		clock.advance(30 * MINUTE);
		expect(await attempt(user, wrong)).toEqual({ status: "failed", locked: false, flowFailures: null });
		expect(await budgetOf(user)).toEqual({ failed_attempts: 1, locked_until: null });
	});

	it("audits each kind under its own action, with the signed-in user as actor where there is one", async () => {
		const user = await createUser();
		await attempt(user, wrong, { type: "reauthentication", method: "totp" });
		await attempt(user, right, { type: "reauthentication", method: "totp" });
		await attempt(user, wrong, { type: "password_change" });
		const rows = await database.db
			.selectFrom("audit_events")
			.select(["action", "outcome", "actor_user_id", "details"])
			.where("target_user_id", "=", user.userId)
			.orderBy("id")
			.execute();
		expect(rows).toEqual([
			{ action: "auth.reauthenticate", outcome: "failure", actor_user_id: user.userId, details: { method: "totp" } },
			{ action: "auth.reauthenticate", outcome: "success", actor_user_id: user.userId, details: { method: "totp" } },
			{
				action: "auth.password_change",
				outcome: "failure",
				actor_user_id: user.userId,
				details: { reason: "wrong_current_password" },
			},
		]);
	});
});
