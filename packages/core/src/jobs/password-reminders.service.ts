import { sql } from "kysely";
import { enqueueMessage } from "../messaging/outbox.service";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import { DAY } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import { inTransaction } from "../shared/tx";

/**
 * Sends "your password expires in N days" reminders (14, 7 and 1 days before, per tenant policy;
 * SECURITY A09, ASVS 6.4.5). Each reminder goes once per password: the last one sent is recorded
 * on the user in the same transaction as the queued message, so reruns and parallel runs never
 * send it twice. Returns the number of reminders queued.
 */
export async function sendPasswordExpiryReminders(deps: Pick<CoreDeps, "db" | "clock">): Promise<number> {
	const now = deps.clock.now();
	const tenants = await deps.db.selectFrom("tenants").select("id").execute();
	let sent = 0;
	for (const tenant of tenants) {
		const policy = await getTenantPolicy(deps.db, tenant.id);
		const maxAge = policy.password.maxAgeDays;
		if (maxAge === null) continue;
		// Largest first, so a user who is already inside the 7-day window gets that one, not 14.
		const reminderDays = [...policy.password.reminderDays].sort((a, b) => b - a);
		for (const [index, days] of reminderDays.entries()) {
			const nextSmaller = reminderDays[index + 1] ?? 0;
			sent += await inTransaction(deps.db, async (trx) => {
				const due = await trx
					.updateTable("users")
					.set({ password_reminder_sent_days: days })
					.where("tenant_id", "=", tenant.id)
					.where("state", "=", "active")
					.where("email", "is not", null)
					.where("password_changed_at", "is not", null)
					// Expires within `days` days but more than `nextSmaller` days from now, and not yet past.
					.where(
						sql<boolean>`password_changed_at + make_interval(days => ${maxAge}) <= ${new Date(now.getTime() + days * DAY)}`,
					)
					.where(
						sql<boolean>`password_changed_at + make_interval(days => ${maxAge}) > ${new Date(now.getTime() + nextSmaller * DAY)}`,
					)
					.where((eb) =>
						eb.or([eb("password_reminder_sent_days", "is", null), eb("password_reminder_sent_days", ">", days)]),
					)
					.returning(["id", "email", "language", "password_changed_at"])
					.execute();
				for (const user of due) {
					if (!user.email || !user.password_changed_at) continue;
					const expiresAt = new Date(user.password_changed_at.getTime() + maxAge * DAY);
					await enqueueMessage(trx, deps.clock, {
						tenantId: tenant.id,
						userId: user.id,
						channel: "email",
						recipient: user.email,
						template: "password_expiry_reminder",
						params: { days, date: expiresAt.toISOString().slice(0, 10) as `${number}-${number}-${number}` },
						language: user.language,
					});
				}
				return due.length;
			});
		}
	}
	return sent;
}
