import { sql } from "kysely";
import { z } from "zod";
import { ForbiddenError } from "../roles/rbac.errors";
import { type ReadScope, scopeFor } from "../roles/read-scope";
import type { SessionActor } from "../shared/actor";
import { type Clock, DAY } from "../shared/clock";
import type { Db } from "../shared/tx";

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
	const inScope = scope.all
		? sql`u.tenant_id = ${actor.tenantId}`
		: scope.accountIds.length > 0
			? sql`u.tenant_id = ${actor.tenantId} and u.primary_account_id in (${sql.join(scope.accountIds)})`
			: sql`false`;
	const week = new Date(now.getTime() - 7 * DAY);
	const month = new Date(now.getTime() - 30 * DAY);
	const counts = await sql<{
		total: number;
		create: number;
		active: number;
		inactive: number;
		deleting: number;
		deleted: number;
		applications: number;
		people_active: number;
		mfa_enabled: number;
		totp: number;
		sms: number;
		email: number;
		passkey: number;
		week: number;
		month: number;
	}>`
		select count(*)::int as total,
			count(*) filter (where state = 'create')::int as create,
			count(*) filter (where state = 'active')::int as active,
			count(*) filter (where state = 'inactive')::int as inactive,
			count(*) filter (where state = 'deleting')::int as deleting,
			count(*) filter (where state = 'deleted')::int as deleted,
			count(*) filter (where user_type = 'application')::int as applications,
			count(*) filter (where state = 'active' and user_type = 'human')::int as people_active,
			count(*) filter (where state = 'active' and user_type = 'human' and two_factor_enabled)::int as mfa_enabled,
			count(*) filter (where state = 'active' and two_factor_type = 'totp')::int as totp,
			count(*) filter (where state = 'active' and two_factor_type = 'sms')::int as sms,
			count(*) filter (where state = 'active' and two_factor_type = 'email')::int as email,
			count(*) filter (where state = 'active' and two_factor_type = 'passkey')::int as passkey,
			count(*) filter (where created_at >= ${week})::int as week,
			count(*) filter (where created_at >= ${month})::int as month
		from users u where ${inScope}`.execute(db);
	const c = counts.rows[0];
	if (!c) throw new Error("dashboard: no row");
	const [perDay, roles, passkeys, invitations] = await Promise.all([
		sql<{ day: string; count: number }>`
			select to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD') as day, count(*)::int as count
			from users u where ${inScope} and created_at >= ${month} group by 1 order by 1`.execute(db),
		sql<{ role_key: string; role_name: string; users: number }>`
			select r.key as role_key, r.name as role_name, count(distinct ra.user_id)::int as users
			from roles r left join role_assignments ra on ra.role_id = r.id
				and ra.user_id in (select u.id from users u where ${inScope} and u.state <> 'deleted')
			where r.tenant_id = ${actor.tenantId} group by r.key, r.name order by users desc, r.key`.execute(db),
		sql<{ total: number; users: number }>`
			select count(*)::int as total, count(distinct p.user_id)::int as users
			from passkeys p join users u on u.id = p.user_id where ${inScope}`.execute(db),
		sql<{ n: number }>`
			select count(*)::int as n from invitations i join users u on u.id = i.user_id
			where ${inScope} and i.accepted_at is null and i.revoked_at is null and i.expires_at > ${now}`.execute(db),
	]);
	return {
		scope: scope.all ? "tenant" : "accounts",
		users: {
			total: c.total,
			byState: { create: c.create, active: c.active, inactive: c.inactive, deleting: c.deleting, deleted: c.deleted },
			applications: c.applications,
		},
		pendingInvitations: invitations.rows[0]?.n ?? 0,
		recentSignups: { last7Days: c.week, last30Days: c.month, perDay: perDay.rows },
		mfa: {
			adoption: c.people_active === 0 ? 0 : c.mfa_enabled / c.people_active,
			enabled: c.mfa_enabled,
			methods: { totp: c.totp, sms: c.sms, email: c.email, passkey: c.passkey },
		},
		passkeys: { total: passkeys.rows[0]?.total ?? 0, usersWithPasskeys: passkeys.rows[0]?.users ?? 0 },
		roles: roles.rows.map((r) => ({ roleKey: r.role_key, roleName: r.role_name, users: r.users })),
	};
}
