import { ForbiddenError } from "../roles/rbac.errors";
import { type ReadScope, scopeFor } from "../roles/read-scope";
import type { SessionActor } from "../shared/actor";
import { DAY } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import type { Db } from "../shared/tx";
import { timeZoneOrUtc } from "../users/user.schema";
import {
	countPasskeysInScope,
	countPendingInvitationsInScope,
	countRecentSignups,
	countRoleHolders,
	countSignupsPerLocalDay,
	countUsersForDashboard,
	findViewerTimeZone,
} from "./dashboard.repository";
import type { Dashboard } from "./dashboard.schema";

/** How many local days `recentSignups.perDay` covers, today included. */
export const SIGNUP_DAYS = 30;

async function viewerTimeZone(db: Db, actor: SessionActor): Promise<string> {
	return timeZoneOrUtc(await findViewerTimeZone(db, actor.tenantId, actor.userId));
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

/**
 * User statistics and security posture for the tenant, or for the accounts the actor holds
 * dashboard.read in: exact and current, read from counters the database keeps in the same
 * transaction as every change (migration 0009), so the cost does not grow with the users.
 * Sign-ups per day are the viewer's local days (their profile's time zone, else UTC).
 */
export async function getDashboard(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
): Promise<Dashboard> {
	const [scope, timeZone] = await Promise.all([dashboardScope(db, actor), viewerTimeZone(db, actor)]);
	const now = clock.now();
	const week = new Date(now.getTime() - 7 * DAY);
	const month = new Date(now.getTime() - 30 * DAY);
	const [c, recent, perDay, roles, passkeys, invitations] = await Promise.all([
		countUsersForDashboard(db, actor.tenantId, scope),
		countRecentSignups(db, actor.tenantId, scope, week, month),
		countSignupsPerLocalDay(db, actor.tenantId, scope, now, timeZone, SIGNUP_DAYS),
		countRoleHolders(db, actor.tenantId, scope),
		countPasskeysInScope(db, actor.tenantId, scope),
		countPendingInvitationsInScope(db, actor.tenantId, scope, now),
	]);
	return {
		scope: scope.all ? "tenant" : "accounts",
		users: {
			total: c.total,
			byState: { create: c.create, active: c.active, inactive: c.inactive, deleting: c.deleting, deleted: c.deleted },
			applications: c.applications,
		},
		pendingInvitations: invitations,
		recentSignups: { last7Days: recent.week, last30Days: recent.month, timeZone, perDay },
		mfa: {
			adoption: c.people_active === 0 ? 0 : c.mfa_enabled / c.people_active,
			enabled: c.mfa_enabled,
			methods: { totp: c.totp, sms: c.sms, email: c.email, passkey: c.passkey },
		},
		passkeys: { total: passkeys.total, usersWithPasskeys: passkeys.users },
		roles: roles.map((r) => ({ roleKey: r.role_key, roleName: r.role_name, users: r.users })),
	};
}
