import { sql } from "kysely";
import type { Db, Tx } from "../shared/tx";

/**
 * What reserving an attempt found: the attempt number when one was reserved (null when none was
 * left), and the user's `locked_until` as it stood when the reservation was decided, so a refusal
 * can say truthfully whether a lock was the reason.
 */
export interface Reservation {
	attempt: number | null;
	lockedUntil: Date | null;
}

/**
 * Reserves one attempt from the user's failure budget before a credential is checked, in a
 * single statement: at most `threshold` attempts can ever be in flight or failed, however many
 * arrive at once (SECURITY A13). An expired lock is cleared and the budget starts again.
 * Returns undefined when the user does not exist.
 *
 * The outer SELECT reads the row as it was when the statement began (PostgreSQL runs it on the
 * statement's snapshot, before the CTE's update), so a refused reservation reports the lock that
 * existed then, never one set later by an attempt that was still in flight.
 */
export async function reserveAttempt(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	now: Date,
	threshold: number,
): Promise<Reservation | undefined> {
	const row = await db
		.with("reserved", (qb) =>
			qb
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
				.returning("failed_attempts"),
		)
		.selectFrom("users")
		.select((eb) => [eb.selectFrom("reserved").select("reserved.failed_attempts").as("attempt"), "users.locked_until"])
		.where("users.tenant_id", "=", tenantId)
		.where("users.id", "=", userId)
		.executeTakeFirst();
	if (!row) return undefined;
	return { attempt: row.attempt ?? null, lockedUntil: row.locked_until };
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

/** The user a lock was just set on, with what the "account_locked" notice needs. */
export interface LockedUser {
	tenant_id: string;
	id: string;
	email: string | null;
	language: string | null;
}

/**
 * Locks the user once the budget is spent. Returns the user only to the call that set the lock,
 * so exactly one caller revokes sessions and sends the notice; undefined to every other.
 */
export async function lockIfExhausted(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	threshold: number,
	lockedUntil: Date,
): Promise<LockedUser | undefined> {
	return db
		.updateTable("users")
		.set({ locked_until: lockedUntil })
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.where("failed_attempts", ">=", threshold)
		.where("locked_until", "is", null)
		.returning(["tenant_id", "id", "email", "language"])
		.executeTakeFirst();
}
