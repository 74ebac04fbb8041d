import { sql } from "kysely";
import type { Tx } from "../shared/tx";

export interface ReminderWindow {
	/** The reminder being sent ("expires in N days"), recorded on each user it goes to. */
	days: number;
	/** The tenant's maximum password age in days. */
	maxAgeDays: number;
	/** Passwords expiring at or before this instant are due… */
	expiresBy: Date;
	/** …unless they expire at or before this one (the next smaller reminder covers them). */
	expiresAfter: Date;
}

/**
 * Records reminder `days` on every active user with an email whose password expires inside the
 * window and who has not had this (or a smaller) reminder for this password yet, and returns
 * them: the update is the claim, so reruns and parallel runs never remind anyone twice.
 */
export function claimDuePasswordReminders(trx: Tx, tenantId: string, window: ReminderWindow) {
	const { days, maxAgeDays } = window;
	return trx
		.updateTable("users")
		.set({ password_reminder_sent_days: days })
		.where("tenant_id", "=", tenantId)
		.where("state", "=", "active")
		.where("email", "is not", null)
		.where("password_changed_at", "is not", null)
		.where(sql<boolean>`password_changed_at + make_interval(days => ${maxAgeDays}) <= ${window.expiresBy}`)
		.where(sql<boolean>`password_changed_at + make_interval(days => ${maxAgeDays}) > ${window.expiresAfter}`)
		.where((eb) => eb.or([eb("password_reminder_sent_days", "is", null), eb("password_reminder_sent_days", ">", days)]))
		.returning(["id", "email", "language", "password_changed_at"])
		.execute();
}
