import { sql } from "kysely";
import type { Tx } from "../shared/tx";

/**
 * When the account was last in use: the later of its last sign-in, its creation and its last
 * state change (a reactivation starts the count afresh). The same expression for the warning
 * and the deactivation, so they can never disagree about who is dormant.
 */
export const lastActivity = sql<Date>`greatest(coalesce(last_sign_in_at, created_at), coalesce(state_changed_at, created_at))`;

/**
 * Records the dormancy warning on every active human user of the tenant unused since before
 * `unusedSince` who has not been warned for this stretch of disuse, and returns them: the update
 * is the claim, so reruns and parallel runs never warn anyone twice. Application users sign in
 * with keys, not sessions, and are left out.
 */
export function claimDormancyWarnings(trx: Tx, tenantId: string, unusedSince: Date, now: Date) {
	return trx
		.updateTable("users")
		.set({ dormancy_warned_at: now })
		.where("tenant_id", "=", tenantId)
		.where("state", "=", "active")
		.where("user_type", "=", "human")
		.where(sql<boolean>`${lastActivity} < ${unusedSince}`)
		.where((eb) => eb.or([eb("dormancy_warned_at", "is", null), eb("dormancy_warned_at", "<", lastActivity)]))
		.returning(["id", "email", "language", "time_zone", lastActivity.as("last_activity_at")])
		.execute();
}

/**
 * Active human users of the tenant unused since before `unusedSince` who were warned for this
 * stretch of disuse no later than `warnedBy`, locked for the deactivation (rows another run
 * holds are skipped).
 */
export function lockDormantUsers(trx: Tx, tenantId: string, unusedSince: Date, warnedBy: Date) {
	return trx
		.selectFrom("users")
		.select(["id", "version", lastActivity.as("last_activity_at")])
		.where("tenant_id", "=", tenantId)
		.where("state", "=", "active")
		.where("user_type", "=", "human")
		.where(sql<boolean>`${lastActivity} < ${unusedSince}`)
		.where("dormancy_warned_at", ">=", lastActivity)
		.where("dormancy_warned_at", "<=", warnedBy)
		.orderBy("id")
		.forUpdate()
		.skipLocked()
		.execute();
}

/** Makes a dormant user inactive (the caller holds the row lock). */
export async function deactivateDormantUser(trx: Tx, userId: string, now: Date): Promise<void> {
	await trx
		.updateTable("users")
		.set((eb) => ({ state: "inactive", state_changed_at: now, updated_at: now, version: eb("version", "+", 1) }))
		.where("id", "=", userId)
		.where("state", "=", "active")
		.execute();
}
