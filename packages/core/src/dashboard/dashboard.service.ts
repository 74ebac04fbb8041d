import { ForbiddenError } from "../roles/rbac.errors";
import { type ReadScope, scopeFor } from "../roles/read-scope";
import type { SessionActor } from "../shared/actor";
import { DAY } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import type { Db } from "../shared/tx";
import {
	countPasskeysInScope,
	countPendingInvitationsInScope,
	countRoleHolders,
	countSignupsPerDay,
	countUsersForDashboard,
} from "./dashboard.repository";
import type { Dashboard } from "./dashboard.schema";

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
 * dashboard.read in. One pass over users with FILTER aggregates, plus small side queries.
 */
export async function getDashboard(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
): Promise<Dashboard> {
	const scope = await dashboardScope(db, actor);
	const now = clock.now();
	const week = new Date(now.getTime() - 7 * DAY);
	const month = new Date(now.getTime() - 30 * DAY);
	const c = await countUsersForDashboard(db, actor.tenantId, scope, week, month);
	const [perDay, roles, passkeys, invitations] = await Promise.all([
		countSignupsPerDay(db, actor.tenantId, scope, month),
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
		recentSignups: { last7Days: c.week, last30Days: c.month, perDay },
		mfa: {
			adoption: c.people_active === 0 ? 0 : c.mfa_enabled / c.people_active,
			enabled: c.mfa_enabled,
			methods: { totp: c.totp, sms: c.sms, email: c.email, passkey: c.passkey },
		},
		passkeys: { total: passkeys.total, usersWithPasskeys: passkeys.users },
		roles: roles.map((r) => ({ roleKey: r.role_key, roleName: r.role_name, users: r.users })),
	};
}
