import { z } from "zod";
import { ForbiddenError } from "../roles/rbac.errors";
import { type ReadScope, scopeFor } from "../roles/read-scope";
import type { SessionActor } from "../shared/actor";
import { type Clock, DAY } from "../shared/clock";
import type { Db } from "../shared/tx";
import {
	countPasskeysInScope,
	countPendingInvitationsInScope,
	countRoleHolders,
	countSignupsPerDay,
	countUsersForDashboard,
} from "./dashboard.repository";

export const ZDashboard = z.object({
	scope: z.enum(["tenant", "accounts"]),
	users: z.object({
		total: z.number().int(),
		byState: z.object({
			create: z.number(),
			active: z.number(),
			inactive: z.number(),
			deleting: z.number(),
			deleted: z.number(),
		}),
		applications: z.number().int(),
	}),
	pendingInvitations: z.number().int(),
	recentSignups: z.object({
		last7Days: z.number().int(),
		last30Days: z.number().int(),
		perDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
	}),
	mfa: z.object({
		/** Share of active people with any second factor, 0–1. */
		adoption: z.number(),
		enabled: z.number().int(),
		methods: z.object({ totp: z.number(), sms: z.number(), email: z.number(), passkey: z.number() }),
	}),
	passkeys: z.object({ total: z.number().int(), usersWithPasskeys: z.number().int() }),
	roles: z.array(z.object({ roleKey: z.string(), roleName: z.string(), users: z.number().int() })),
});
export type Dashboard = z.output<typeof ZDashboard>;

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
export async function getDashboard(db: Db, clock: Clock, actor: SessionActor): Promise<Dashboard> {
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
