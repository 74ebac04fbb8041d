import { sql } from "kysely";
import type { ReadScope } from "../roles/read-scope";
import type { Db } from "../shared/tx";

/** `u` (users) rows the dashboard counts: the tenant, or its accounts in the read scope, or none. */
function inScope(tenantId: string, scope: ReadScope) {
	return scope.all
		? sql`u.tenant_id = ${tenantId}`
		: scope.accountIds.length > 0
			? sql`u.tenant_id = ${tenantId} and u.primary_account_id in (${sql.join(scope.accountIds)})`
			: sql`false`;
}

export interface DashboardUserCounts {
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
}

/** One pass over the users in scope with FILTER aggregates: states, types, MFA, sign-ups since `week`/`month`. */
export async function countUsersForDashboard(
	db: Db,
	tenantId: string,
	scope: ReadScope,
	week: Date,
	month: Date,
): Promise<DashboardUserCounts> {
	const counts = await sql<DashboardUserCounts>`
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
		from users u where ${inScope(tenantId, scope)}`.execute(db);
	const row = counts.rows[0];
	if (!row) throw new Error("dashboard: no row");
	return row;
}

/** Users in scope created since `since`, per UTC day, oldest day first. */
export async function countSignupsPerDay(db: Db, tenantId: string, scope: ReadScope, since: Date) {
	const result = await sql<{ day: string; count: number }>`
			select to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD') as day, count(*)::int as count
			from users u where ${inScope(tenantId, scope)} and created_at >= ${since} group by 1 order by 1`.execute(db);
	return result.rows;
}

/** Every role of the tenant with how many users in scope (not deleted) hold it, most held first. */
export async function countRoleHolders(db: Db, tenantId: string, scope: ReadScope) {
	const result = await sql<{ role_key: string; role_name: string; users: number }>`
			select r.key as role_key, r.name as role_name, count(distinct ra.user_id)::int as users
			from roles r left join role_assignments ra on ra.role_id = r.id
				and ra.user_id in (select u.id from users u where ${inScope(tenantId, scope)} and u.state <> 'deleted')
			where r.tenant_id = ${tenantId} group by r.key, r.name order by users desc, r.key`.execute(db);
	return result.rows;
}

/** Passkeys of users in scope, and how many users have one. */
export async function countPasskeysInScope(db: Db, tenantId: string, scope: ReadScope) {
	const result = await sql<{ total: number; users: number }>`
			select count(*)::int as total, count(distinct p.user_id)::int as users
			from passkeys p join users u on u.id = p.user_id where ${inScope(tenantId, scope)}`.execute(db);
	return { total: result.rows[0]?.total ?? 0, users: result.rows[0]?.users ?? 0 };
}

/** Invitations to users in scope that are still open at `now`. */
export async function countPendingInvitationsInScope(db: Db, tenantId: string, scope: ReadScope, now: Date) {
	const result = await sql<{ n: number }>`
			select count(*)::int as n from invitations i join users u on u.id = i.user_id
			where ${inScope(tenantId, scope)} and i.accepted_at is null and i.revoked_at is null and i.expires_at > ${now}`.execute(
		db,
	);
	return result.rows[0]?.n ?? 0;
}
