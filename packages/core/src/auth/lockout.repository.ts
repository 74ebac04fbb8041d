import { sql } from "kysely";
import type { Db, Tx } from "../shared/tx";

/**
 * Reserves one attempt from the user's failure budget before a credential is checked, in a
 * single statement: at most `threshold` attempts can ever be in flight or failed, however many
 * arrive at once (SECURITY A13). An expired lock is cleared and the budget starts again.
 * Returns the attempt number, or null when the user is locked (or unknown).
 */
export async function reserveAttempt(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	now: Date,
	threshold: number,
): Promise<number | null> {
	const row = await db
		.updateTable("users")
		.set({
			failed_attempts: sql`case when locked_until is not null and locked_until <= ${now} then 1 else failed_attempts + 1 end`,
			locked_until: sql`case when locked_until is not null and locked_until <= ${now} then null else locked_until end`,
		})
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.where((eb) =>
			eb.or([
				eb.and([eb("locked_until", "is", null), eb("failed_attempts", "<", threshold)]),
				eb("locked_until", "<=", now),
			]),
		)
		.returning("failed_attempts")
		.executeTakeFirst();
	return row?.failed_attempts ?? null;
}

/** Gives back a reserved attempt after a factor succeeded (other factors' failures stay counted). */
export async function releaseAttempt(db: Db | Tx, tenantId: string, userId: string): Promise<void> {
	await db
		.updateTable("users")
		.set({ failed_attempts: sql`greatest(failed_attempts - 1, 0)` })
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.execute();
}

/**
 * Locks the user once the budget is spent. Returns true only for the call that set the lock,
 * so exactly one caller revokes sessions and sends the notice.
 */
export async function lockIfExhausted(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	threshold: number,
	lockedUntil: Date,
): Promise<boolean> {
	const row = await db
		.updateTable("users")
		.set({ locked_until: lockedUntil })
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.where("failed_attempts", ">=", threshold)
		.where("locked_until", "is", null)
		.returning("id")
		.executeTakeFirst();
	return row !== undefined;
}
