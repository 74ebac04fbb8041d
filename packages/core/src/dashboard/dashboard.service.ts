import { ForbiddenError } from "../roles/rbac.errors";
import { type ReadScope, scopeFor } from "../roles/read-scope";
import type { SessionActor } from "../shared/actor";
import { HOUR } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import type { Db } from "../shared/tx";
import { timeZoneOrUtc } from "../users/user.schema";
import {
	countActivityPerLocalDay,
	countPasskeysInScope,
	countPendingInvitationsInScope,
	countPostureChangesPerLocalDay,
	countRoleHolders,
	countSignupsPerLocalDay,
	countUsersForDashboard,
	type DashboardPosture,
	findHistorySince,
	findLocalDays,
	findViewerTimeZone,
	foldCounterSlotsBefore,
	POSTURE_KEYS,
} from "./dashboard.repository";
import type { Dashboard, DashboardInput } from "./dashboard.schema";
import { daysKnownSince, figuresAtDayEnds, shareOf } from "./dashboard-history";

/** How many local days `recentSignups.perDay`, `activity.perDay` and `mfa.perDay` cover, today included. */
export const SIGNUP_DAYS = 30;

async function viewerTimeZone(db: Db, actor: SessionActor, deviceTimeZone: string | undefined): Promise<string> {
	return timeZoneOrUtc(await findViewerTimeZone(db, actor.tenantId, actor.userId), deviceTimeZone);
}

/**
 * The tenant, or the accounts (with sub-accounts where the assignment says so) where the actor
 * holds dashboard.read. A dashboard.read held only in spaces shows nothing user-wide: FORBIDDEN.
 */
async function dashboardScope(db: Db, actor: SessionActor): Promise<ReadScope> {
	const scope = await scopeFor(db, actor, "dashboard.read");
	if (!scope.all && scope.accountIds.length === 0) throw new ForbiddenError("dashboard.read");
	return scope;
}

function methodsOf(posture: DashboardPosture) {
	return { totp: posture.totp, sms: posture.sms, email: posture.email, passkey: posture.passkey };
}

/**
 * User statistics and security posture for the tenant, or for the accounts the actor holds
 * dashboard.read in: exact and current, read from counters the database keeps in the same
 * transaction as every change (migrations 0009 and 0011), so the cost does not grow with the
 * users or the audit log. Days are the viewer's local days (their profile's time zone, else their
 * device's, else UTC).
 */
export async function getDashboard(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: DashboardInput = {},
): Promise<Dashboard> {
	const now = clock.now();
	const [scope, timeZone] = await Promise.all([
		dashboardScope(db, actor),
		viewerTimeZone(db, actor, input.deviceTimeZone),
	]);
	const days = await findLocalDays(db, now, timeZone, SIGNUP_DAYS);
	const start = days[0]?.start;
	// "The last 7 days" are local days, today included, as in the chart and in the user list's
	// "created from" filter the figure links to: not the last 168 hours.
	const firstOfWeek = days.at(-7)?.day;
	if (!start || !firstOfWeek) throw new Error("dashboard: no first day");
	const [c, perDay, activity, changes, since, roles, passkeys, invitations] = await Promise.all([
		countUsersForDashboard(db, actor.tenantId, scope),
		countSignupsPerLocalDay(db, actor.tenantId, scope, start, timeZone),
		countActivityPerLocalDay(db, actor.tenantId, scope, start, timeZone),
		countPostureChangesPerLocalDay(db, actor.tenantId, scope, start, timeZone),
		findHistorySince(db, actor.tenantId),
		countRoleHolders(db, actor.tenantId, scope),
		countPasskeysInScope(db, actor.tenantId, scope),
		countPendingInvitationsInScope(db, actor.tenantId, scope, now),
	]);

	const activityByDay = new Map(activity.map((row) => [row.day, row]));
	const activityPerDay = days.map(({ day }) => {
		const row = activityByDay.get(day);
		return { day, signIns: row?.sign_ins ?? 0, failures: row?.failures ?? 0, lockouts: row?.lockouts ?? 0 };
	});
	const dayNames = days.map((d) => d.day);
	const ends = figuresAtDayEnds(dayNames, c, changes, POSTURE_KEYS);
	const known = daysKnownSince(
		days.map((d) => d.start),
		since,
	);
	const mfaPerDay = days.flatMap(({ day }, index) => {
		const end = ends[index];
		return end && known[index]
			? [
					{
						day,
						adoption: shareOf(end.mfa_enabled, end.people_active),
						enabled: end.mfa_enabled,
						people: end.people_active,
						methods: methodsOf(end),
					},
				]
			: [];
	});

	return {
		scope: scope.all ? "tenant" : "accounts",
		users: {
			total: c.total,
			byState: { create: c.create, active: c.active, inactive: c.inactive, deleting: c.deleting, deleted: c.deleted },
			applications: c.applications,
		},
		pendingInvitations: invitations,
		recentSignups: {
			// The sums of the chart's days (YYYY-MM-DD compares as dates), not counted a second time.
			last7Days: perDay.reduce((sum, d) => (d.day >= firstOfWeek ? sum + d.count : sum), 0),
			last30Days: perDay.reduce((sum, d) => sum + d.count, 0),
			timeZone,
			perDay,
		},
		activity: {
			last30Days: {
				signIns: activityPerDay.reduce((sum, d) => sum + d.signIns, 0),
				failures: activityPerDay.reduce((sum, d) => sum + d.failures, 0),
				lockouts: activityPerDay.reduce((sum, d) => sum + d.lockouts, 0),
			},
			perDay: activityPerDay,
		},
		mfa: {
			adoption: shareOf(c.mfa_enabled, c.people_active),
			enabled: c.mfa_enabled,
			methods: methodsOf(c),
			perDay: mfaPerDay,
		},
		passkeys: { total: passkeys.total, usersWithPasskeys: passkeys.users },
		roles: roles.map((r) => ({ roleKey: r.role_key, roleName: r.role_name, users: r.users })),
	};
}

/**
 * Housekeeping: folds the counter slots of every quarter-hour that ended more than an hour ago
 * into one row per key (see `foldCounterSlotsBefore`), so the dashboard's counter tables grow by
 * at most one row per account and quarter-hour, however busy it was. Every figure is unchanged.
 */
export function foldSettledDashboardCounters({ db, clock }: Pick<CoreDeps, "db" | "clock">): Promise<number> {
	return foldCounterSlotsBefore(db, new Date(clock.now().getTime() - HOUR));
}
