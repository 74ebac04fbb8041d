import { insertAuditEvent } from "../audit/audit.repository";
import { revokeSessionsOfUser } from "../auth/session.repository";
import { enqueueMessage } from "../messaging/outbox.service";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import { lockRoleByKey } from "../roles/role.repository";
import { DAY } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import { inTransaction } from "../shared/tx";
import { listTenantIds } from "../tenants/tenant.repository";
import { timeZoneOrUtc } from "../users/user.schema";
import { isLastTenantAdmin } from "../users/user.service";
import { claimDormancyWarnings, deactivateDormantUser, lockDormantUsers } from "./dormancy.repository";

/** How long before the deactivation the warning goes out: a week, or half the period if shorter. */
export function dormancyWarningLeadDays(inactiveAfterDays: number): number {
	return Math.min(7, Math.floor(inactiveAfterDays / 2));
}

export interface DormancyRunResult {
	warned: number;
	deactivated: number;
}

/**
 * Deactivates accounts nobody has signed in to for the tenant's `lifecycle.inactiveAfterDays`
 * (PCI DSS 8.2.6: at most 90 days; SECURITY L03). Each user is first warned by email
 * `dormancyWarningLeadDays` ahead ("sign in before <date> to keep it"); the deactivation comes
 * only after that warning has had its time, so a job that was down for a while warns first and
 * deactivates later, never both at once without notice. Signing in (or a reactivation) starts
 * the count afresh, and a new stretch of disuse gets a new warning.
 *
 * The deactivation is the lifecycle's own move (active → inactive): sessions end, and one audit
 * row per user says it was the system (no actor) and why. The tenant's last active tenant
 * administrator is never deactivated this way: that would lock everyone out of administration
 * (an administrator can still deactivate them by hand once someone else holds the role).
 */
export async function deactivateDormantUsers(deps: Pick<CoreDeps, "db" | "clock">): Promise<DormancyRunResult> {
	const now = deps.clock.now();
	const result: DormancyRunResult = { warned: 0, deactivated: 0 };
	for (const tenant of await listTenantIds(deps.db)) {
		const { inactiveAfterDays } = (await getTenantPolicy(deps.db, tenant.id)).lifecycle;
		const leadDays = dormancyWarningLeadDays(inactiveAfterDays);

		result.warned += await inTransaction(deps.db, async (trx) => {
			const due = await claimDormancyWarnings(
				trx,
				tenant.id,
				new Date(now.getTime() - (inactiveAfterDays - leadDays) * DAY),
				now,
			);
			for (const user of due) {
				if (!user.email) continue;
				// Never earlier than the lead time from now, however long the account was unused already.
				const deactivationAt = new Date(
					Math.max(user.last_activity_at.getTime() + inactiveAfterDays * DAY, now.getTime() + leadDays * DAY),
				);
				await enqueueMessage(trx, deps.clock, {
					tenantId: tenant.id,
					userId: user.id,
					channel: "email",
					recipient: user.email,
					template: "account_dormant_warning",
					params: {
						days: Math.max(1, Math.ceil((deactivationAt.getTime() - now.getTime()) / DAY)),
						date: calendarDateIn(deactivationAt, user.time_zone),
					},
					language: user.language,
				});
			}
			return due.length;
		});

		result.deactivated += await inTransaction(deps.db, async (trx) => {
			// The same lock the lifecycle takes before deactivating an administrator (user.service).
			await lockRoleByKey(trx, tenant.id, "tenant_admin");
			const dormant = await lockDormantUsers(
				trx,
				tenant.id,
				new Date(now.getTime() - inactiveAfterDays * DAY),
				new Date(now.getTime() - leadDays * DAY),
			);
			let count = 0;
			for (const user of dormant) {
				if (await isLastTenantAdmin(trx, tenant.id, user.id)) continue;
				await deactivateDormantUser(trx, user.id, now);
				await revokeSessionsOfUser(trx, tenant.id, user.id, now);
				await insertAuditEvent(trx, {
					tenantId: tenant.id,
					occurredAt: now,
					actorUserId: null,
					targetUserId: user.id,
					action: "user.state_changed",
					outcome: "success",
					ip: null,
					userAgent: null,
					details: {
						reason: "dormant",
						lastActivityAt: user.last_activity_at.toISOString(),
						inactiveAfterDays,
						changes: { state: { from: "active", to: "inactive" } },
					},
				});
				count++;
			}
			return count;
		});
	}
	return result;
}

/** The calendar date of `instant` in the user's time zone (UTC when unknown or invalid). */
function calendarDateIn(instant: Date, timeZone: string | null): `${number}-${number}-${number}` {
	return new Intl.DateTimeFormat("en-CA", {
		timeZone: timeZoneOrUtc(timeZone),
		year: "numeric",
		month: "2-digit",
		day: "2-digit",
	}).format(instant) as `${number}-${number}-${number}`;
}
