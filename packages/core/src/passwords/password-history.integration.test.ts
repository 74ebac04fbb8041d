import { createTestDatabase, type TestDatabase } from "@tessera/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, TestClock } from "../shared/clock";
import { inTransaction } from "../shared/tx";
import { hashPassword } from "./password-hash";
import { historyRowsToKeep, isRecentlyUsed, recordPasswordChange } from "./password-history.service";

let database: TestDatabase;
const clock = new TestClock(new Date("2026-01-01T00:00:00Z"));
let slugCounter = 0;

beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.destroy();
});

/** A tenant and a user with password `initial`, inserted directly; returns their ids. */
async function createUserWithPassword(initial: string | null): Promise<{ tenantId: string; userId: string }> {
	const db = database.db;
	const tenant = await db
		.insertInto("tenants")
		.values({ slug: `history-${++slugCounter}`, name: "History" })
		.returning("id")
		.executeTakeFirstOrThrow();
	const user = await db
		.insertInto("users")
		.values({ tenant_id: tenant.id, state: "active", email: `user${slugCounter}@example.com` })
		.returning("id")
		.executeTakeFirstOrThrow();
	if (initial !== null) {
		await db
			.insertInto("password_credentials")
			.values({ user_id: user.id, tenant_id: tenant.id, password_hash: await hashPassword(initial) })
			.execute();
	}
	return { tenantId: tenant.id, userId: user.id };
}

/**
 * The change-password steps that concern history, as the auth service runs them: refuse a recent
 * password, else retire the current hash and store the new one in one transaction.
 */
async function changePassword(
	ids: { tenantId: string; userId: string },
	password: string,
	historyCount = 4,
): Promise<"changed" | "refused"> {
	if (await isRecentlyUsed(database.db, ids.tenantId, ids.userId, password, historyCount)) return "refused";
	clock.advance(DAY);
	const now = clock.now();
	const newHash = await hashPassword(password);
	await inTransaction(database.db, async (trx) => {
		const old = await trx
			.selectFrom("password_credentials")
			.select("password_hash")
			.where("user_id", "=", ids.userId)
			.forUpdate()
			.executeTakeFirst();
		await recordPasswordChange(trx, {
			tenantId: ids.tenantId,
			userId: ids.userId,
			oldHash: old?.password_hash ?? null,
			now,
			keep: historyRowsToKeep(historyCount),
		});
		await trx
			.insertInto("password_credentials")
			.values({ user_id: ids.userId, tenant_id: ids.tenantId, password_hash: newHash, updated_at: now })
			.onConflict((oc) => oc.column("user_id").doUpdateSet({ password_hash: newHash, updated_at: now }))
			.execute();
	});
	return "changed";
}

const historyCount = async (userId: string) =>
	Number(
		(
			await database.db
				.selectFrom("password_history")
				.select((eb) => eb.fn.countAll().as("n"))
				.where("user_id", "=", userId)
				.executeTakeFirstOrThrow()
		).n,
	);

const P = ["Pw-one-Kq7!vzt3", "Pw-two-Mw9#xpb4", "Pw-three-Lr2$hd8", "Pw-four-Zn5%gc1", "Pw-five-Ty6&jf0"] as const;
const [P1, P2, P3, P4, P5] = P;

describe("A08: a new password differs from the last four (PCI 8.3.7)", () => {
	it("cycling P1..P5: P1 is refused while among the last four and accepted after four others", async () => {
		const user = await createUserWithPassword(P1);

		// Step 1: P1 is current, and the current password counts as one of the last four.
		expect(await changePassword(user, P1)).toBe("refused");
		expect(await changePassword(user, P2)).toBe("changed");
		// Step 2: last four = P2 (current), P1.
		expect(await changePassword(user, P1)).toBe("refused");
		expect(await changePassword(user, P3)).toBe("changed");
		// Step 3: P3, P2, P1.
		expect(await changePassword(user, P1)).toBe("refused");
		expect(await changePassword(user, P2)).toBe("refused");
		expect(await changePassword(user, P4)).toBe("changed");
		// Step 4: P4, P3, P2, P1: P1 is the fourth-last, still refused.
		expect(await changePassword(user, P1)).toBe("refused");
		expect(await changePassword(user, P5)).toBe("changed");
		// Step 5: P5, P4, P3, P2: four others since P1, so P1 is allowed again.
		expect(await changePassword(user, P2)).toBe("refused");
		expect(await changePassword(user, P1)).toBe("changed");

		// Only what the rule needs is kept: three retired hashes next to the current one.
		expect(await historyCount(user.userId)).toBe(3);
	});

	it("compares after NFKC, like sign-in: a decomposed é is the same password", async () => {
		const user = await createUserWithPassword("caf\u00e9-au-lait-Kq7!vz");
		expect(await isRecentlyUsed(database.db, user.tenantId, user.userId, "cafe\u0301-au-lait-Kq7!vz", 4)).toBe(true);
		expect(await isRecentlyUsed(database.db, user.tenantId, user.userId, "CAF\u00c9-au-lait-Kq7!vz", 4)).toBe(false);
	});

	it("a longer history count looks further back", async () => {
		const user = await createUserWithPassword(P1);
		for (const next of [P2, P3, P4, P5]) expect(await changePassword(user, next, 6)).toBe("changed");
		expect(await historyCount(user.userId)).toBe(4);
		expect(await isRecentlyUsed(database.db, user.tenantId, user.userId, P1, 6)).toBe(true);
		expect(await isRecentlyUsed(database.db, user.tenantId, user.userId, P1, 5)).toBe(true);
		expect(await isRecentlyUsed(database.db, user.tenantId, user.userId, P1, 4)).toBe(false);
	});

	it("a shorter history count prunes on the next change", async () => {
		const user = await createUserWithPassword(P1);
		for (const next of [P2, P3, P4, P5]) await changePassword(user, next, 6);
		expect(await historyCount(user.userId)).toBe(4);
		expect(await changePassword(user, "Pw-six-Qa3*wd5x", 4)).toBe("changed");
		expect(await historyCount(user.userId)).toBe(3);
	});

	it("a user without a password has no history; the first password starts it", async () => {
		const user = await createUserWithPassword(null);
		expect(await isRecentlyUsed(database.db, user.tenantId, user.userId, P1, 4)).toBe(false);
		expect(await changePassword(user, P1)).toBe("changed");
		expect(await historyCount(user.userId)).toBe(0);
		expect(await changePassword(user, P1)).toBe("refused");
	});

	it("another user's history, even with the same password, does not count", async () => {
		const alice = await createUserWithPassword(P1);
		const bob = await createUserWithPassword(P3);
		await changePassword(alice, P2);
		expect(await isRecentlyUsed(database.db, bob.tenantId, bob.userId, P1, 4)).toBe(false);
		expect(await isRecentlyUsed(database.db, alice.tenantId, bob.userId, P3, 4)).toBe(false);
	});

	it("a history count of 0 or 1 checks nothing or only the current password", async () => {
		const user = await createUserWithPassword(P1);
		await changePassword(user, P2);
		expect(await isRecentlyUsed(database.db, user.tenantId, user.userId, P2, 0)).toBe(false);
		expect(await isRecentlyUsed(database.db, user.tenantId, user.userId, P2, 1)).toBe(true);
		expect(await isRecentlyUsed(database.db, user.tenantId, user.userId, P1, 1)).toBe(false);
	});
});
