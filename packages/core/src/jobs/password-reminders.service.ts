import { enqueueMessage } from "../messaging/outbox.service";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import { DAY } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import { inTransaction } from "../shared/tx";
import { listTenantIds } from "../tenants/tenant.repository";
import { claimDuePasswordReminders } from "./password-reminders.repository";

/**
 * Sends "your password expires in N days" reminders (14, 7 and 1 days before, per tenant policy;
 * SECURITY A09, ASVS 6.4.5). Each reminder goes once per password: the last one sent is recorded
 * on the user in the same transaction as the queued message, so reruns and parallel runs never
 * send it twice. Returns the number of reminders queued.
 */
export async function sendPasswordExpiryReminders(deps: Pick<CoreDeps, "db" | "clock">): Promise<number> {
	const now = deps.clock.now();
	const tenants = await listTenantIds(deps.db);
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
				// Expires within `days` days but more than `nextSmaller` days from now, and not yet past.
				const due = await claimDuePasswordReminders(trx, tenant.id, {
					days,
					maxAgeDays: maxAge,
					expiresBy: new Date(now.getTime() + days * DAY),
					expiresAfter: new Date(now.getTime() + nextSmaller * DAY),
				});
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
