import { type RawBuilder, sql } from "kysely";
import type { ReadScope } from "../roles/read-scope";
import type { Db } from "../shared/tx";

/**
 * Reads of the dashboard's counters (migration 0009: kept by triggers in the same transaction
 * as every change, one row per tenant, primary account, dimension and slot, summed here). What
 * the counters cannot know, because it depends on the moment of reading, is counted from the
 * rows themselves over at most one 15-minute bucket: sign-ups since an instant inside a bucket,
 * invitations expiring later in the current bucket.
 */

/** The width of a counter bucket, in milliseconds (the migration's `tessera_dashboard_bucket`). */
export const BUCKET_MS = 15 * 60 * 1000;

/** Rows of `alias` in scope: the tenant, or its accounts in the read scope, or none. */
function inScope(alias: string, accountColumn: string, tenantId: string, scope: ReadScope): RawBuilder<unknown> {
	const t = sql.ref(`${alias}.tenant_id`);
	const a = sql.ref(`${alias}.${accountColumn}`);
	return scope.all
		? sql`${t} = ${tenantId}`
		: scope.accountIds.length > 0
			? sql`${t} = ${tenantId} and ${a} in (${sql.join(scope.accountIds)})`
			: sql`false`;
}
/** Counter rows (`account_id`, the nil uuid for none) in scope. */
const countersInScope = (alias: string, tenantId: string, scope: ReadScope) =>
	inScope(alias, "account_id", tenantId, scope);
/** Users (`primary_account_id`) in scope. */
const usersInScope = (alias: string, tenantId: string, scope: ReadScope) =>
	inScope(alias, "primary_account_id", tenantId, scope);

/**
 * The users in scope created in [from, to), a range of at most one bucket. The range is read
 * from the (tenant, created_at) index behind a fence (`offset 0`) and only then filtered by
 * account: a generic plan must never walk every user of an account to find fifteen minutes.
 */
function usersCreatedIn(tenantId: string, scope: ReadScope, from: Date, to: Date) {
	return sql`(select u.tenant_id, u.primary_account_id, u.created_at from users u
		where u.tenant_id = ${tenantId} and u.created_at >= ${from} and u.created_at < ${to} offset 0) r
		where ${usersInScope("r", tenantId, scope)}`;
}

export interface DashboardUserCounts extends DashboardPosture {
	total: number;
	create: number;
	active: number;
	inactive: number;
	deleting: number;
	deleted: number;
	applications: number;
}

/**
 * Active people, those of them with a second factor, and active users per preferred method,
 * summed over counter rows with `users`, `user_type` and `two_factor_type` of which `active`
 * says which rows are active users: one definition for today's figures and their history.
 */
function postureSums(active: RawBuilder<unknown>) {
	return sql`coalesce(sum(users) filter (where ${active} and user_type = 'human'), 0)::int as people_active,
		coalesce(sum(users) filter (where ${active} and user_type = 'human' and two_factor_type <> ''), 0)::int as mfa_enabled,
		coalesce(sum(users) filter (where ${active} and two_factor_type = 'totp'), 0)::int as totp,
		coalesce(sum(users) filter (where ${active} and two_factor_type = 'sms'), 0)::int as sms,
		coalesce(sum(users) filter (where ${active} and two_factor_type = 'email'), 0)::int as email,
		coalesce(sum(users) filter (where ${active} and two_factor_type = 'passkey'), 0)::int as passkey`;
}

/** The figures `postureSums` gives: active people, with MFA, and active users per method. */
export interface DashboardPosture {
	people_active: number;
	mfa_enabled: number;
	totp: number;
	sms: number;
	email: number;
	passkey: number;
}
export const POSTURE_KEYS = [
	"people_active",
	"mfa_enabled",
	"totp",
	"sms",
	"email",
	"passkey",
] as const satisfies readonly (keyof DashboardPosture)[];

/** States, types, MFA and methods of the users in scope, from their counters. */
export async function countUsersForDashboard(db: Db, tenantId: string, scope: ReadScope): Promise<DashboardUserCounts> {
	const counts = await sql<DashboardUserCounts>`
		select coalesce(sum(users), 0)::int as total,
			coalesce(sum(users) filter (where state = 'create'), 0)::int as create,
			coalesce(sum(users) filter (where state = 'active'), 0)::int as active,
			coalesce(sum(users) filter (where state = 'inactive'), 0)::int as inactive,
			coalesce(sum(users) filter (where state = 'deleting'), 0)::int as deleting,
			coalesce(sum(users) filter (where state = 'deleted'), 0)::int as deleted,
			coalesce(sum(users) filter (where user_type = 'application'), 0)::int as applications,
			${postureSums(sql`state = 'active'`)}
		from dashboard_user_counts c where ${countersInScope("c", tenantId, scope)}`.execute(db);
	const row = counts.rows[0];
	if (!row) throw new Error("dashboard: no row");
	return row;
}

/** The first bucket boundary at or after `at`. */
function bucketCeil(at: Date): Date {
	return new Date(Math.ceil(at.getTime() / BUCKET_MS) * BUCKET_MS);
}

/** The local day (YYYY-MM-DD) of `timeZone` that the instant `at` falls in. */
const localDay = (at: RawBuilder<unknown>, timeZone: string) =>
	sql<string>`to_char(${at} at time zone ${timeZone}, 'YYYY-MM-DD')`;

/**
 * The last `days` local days of `timeZone` (an IANA name PostgreSQL knows), today included,
 * oldest first, each with the instant it starts: a day of a DST change is 23 or 25 hours long.
 */
export async function findLocalDays(db: Db, now: Date, timeZone: string, days: number) {
	const result = await sql<{ day: string; start: Date }>`
		select to_char(d, 'YYYY-MM-DD') as day, d at time zone ${timeZone} as start
		from generate_series(
			date_trunc('day', ${now}::timestamptz at time zone ${timeZone}) - make_interval(days => ${days - 1}),
			date_trunc('day', ${now}::timestamptz at time zone ${timeZone}),
			interval '1 day'
		) as d order by d`.execute(db);
	return result.rows;
}

/**
 * Users in scope created on each local day of `timeZone` from `start` (the first day's start,
 * `findLocalDays`) on, oldest first; days without sign-ups are left out. A local day starts on
 * a bucket boundary in every zone of today's tz database (all offsets are whole quarter hours),
 * so each bucket falls in exactly one day; the edge bucket of the first day is counted from
 * `users` anyway, so a zone with an odd historical offset is still exact.
 */
export async function countSignupsPerLocalDay(
	db: Db,
	tenantId: string,
	scope: ReadScope,
	start: Date,
	timeZone: string,
) {
	const whole = bucketCeil(start);
	// Summed per bucket first, so the zone conversion runs once per bucket, not once per slot row.
	const result = await sql<{ day: string; count: number }>`
		select ${localDay(sql.ref("d.at"), timeZone)} as day, sum(d.n)::int as count
		from (
			select c.bucket as at, sum(c.users) as n from dashboard_signups c
			where ${countersInScope("c", tenantId, scope)} and c.bucket >= ${whole} group by c.bucket
			union all
			select r.created_at, 1 from ${usersCreatedIn(tenantId, scope, start, whole)}
		) d
		group by 1 having sum(d.n) <> 0 order by 1`.execute(db);
	return result.rows;
}

/**
 * Sign-ins, failed sign-ins and lockouts of users in scope (migration 0011) per local day of
 * `timeZone` from `start` on, oldest first; days without any left out. Whole buckets only: the
 * log has no account to read an edge bucket by, and for the days of today's tz database there
 * is none (every offset is a whole quarter hour).
 */
export async function countActivityPerLocalDay(
	db: Db,
	tenantId: string,
	scope: ReadScope,
	start: Date,
	timeZone: string,
) {
	const result = await sql<{ day: string; sign_ins: number; failures: number; lockouts: number }>`
		select ${localDay(sql.ref("d.bucket"), timeZone)} as day, sum(d.sign_ins)::int as sign_ins,
			sum(d.failures)::int as failures, sum(d.lockouts)::int as lockouts
		from (
			select c.bucket, sum(c.sign_ins) as sign_ins, sum(c.failures) as failures, sum(c.lockouts) as lockouts
			from dashboard_activity c
			where ${countersInScope("c", tenantId, scope)} and c.bucket >= ${bucketCeil(start)} group by c.bucket
		) d
		group by 1 order by 1`.execute(db);
	return result.rows;
}

/**
 * How the active users in scope changed on each local day of `timeZone` from `start` on
 * (migration 0011: signed changes per bucket), as `postureSums` figures, oldest first; days
 * without a change left out. Whole buckets, as in `countActivityPerLocalDay`.
 */
export async function countPostureChangesPerLocalDay(
	db: Db,
	tenantId: string,
	scope: ReadScope,
	start: Date,
	timeZone: string,
) {
	const result = await sql<DashboardPosture & { day: string }>`
		select ${localDay(sql.ref("d.bucket"), timeZone)} as day, ${postureSums(sql`true`)}
		from (
			select c.bucket, c.user_type, c.two_factor_type, sum(c.users) as users from dashboard_active_changes c
			where ${countersInScope("c", tenantId, scope)} and c.bucket >= ${bucketCeil(start)}
			group by c.bucket, c.user_type, c.two_factor_type
		) d
		group by 1 order by 1`.execute(db);
	return result.rows;
}

/** When the tenant's history began, if it had users before 0011 counted them; null: all known. */
export async function findHistorySince(db: Db, tenantId: string): Promise<Date | null> {
	const row = await db
		.selectFrom("dashboard_history_since")
		.select("since")
		.where("tenant_id", "=", tenantId)
		.executeTakeFirst();
	return row?.since ?? null;
}

/** Every role of the tenant with how many users in scope (not deleted) hold it, most held first. */
export async function countRoleHolders(db: Db, tenantId: string, scope: ReadScope) {
	const result = await sql<{ role_key: string; role_name: string; users: number }>`
		select r.key as role_key, r.name as role_name, coalesce(sum(c.users), 0)::int as users
		from roles r left join dashboard_role_holders c on c.role_id = r.id and ${countersInScope("c", tenantId, scope)}
		where r.tenant_id = ${tenantId} group by r.key, r.name order by users desc, r.key`.execute(db);
	return result.rows;
}

/** Passkeys of users in scope, and how many users have one. */
export async function countPasskeysInScope(db: Db, tenantId: string, scope: ReadScope) {
	const result = await sql<{ total: number; users: number }>`
		select coalesce(sum(c.passkeys), 0)::int as total, coalesce(sum(c.holders), 0)::int as users
		from dashboard_passkeys c where ${countersInScope("c", tenantId, scope)}`.execute(db);
	return { total: result.rows[0]?.total ?? 0, users: result.rows[0]?.users ?? 0 };
}

/**
 * Invitations to users in scope still open at `now`: the counters of the buckets after the
 * current one, and the open invitations of the current bucket that expire after `now`.
 */
export async function countPendingInvitationsInScope(db: Db, tenantId: string, scope: ReadScope, now: Date) {
	const next = new Date(Math.floor(now.getTime() / BUCKET_MS) * BUCKET_MS + BUCKET_MS);
	const result = await sql<{ n: number }>`
		select (
			(select coalesce(sum(c.invitations), 0) from dashboard_invitations c
				where ${countersInScope("c", tenantId, scope)} and c.expires_bucket >= ${next})
			+ (select count(*) from (select i.user_id from invitations i
					where i.tenant_id = ${tenantId} and i.accepted_at is null and i.revoked_at is null
						and i.expires_at > ${now} and i.expires_at < ${next} offset 0) i
				join users u on u.id = i.user_id where ${usersInScope("u", tenantId, scope)})
		)::int as n`.execute(db);
	return result.rows[0]?.n ?? 0;
}

/** The viewer's own time zone (profile), or null when they have none. */
export async function findViewerTimeZone(db: Db, tenantId: string, userId: string): Promise<string | null> {
	const row = await db
		.selectFrom("users")
		.select("time_zone")
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.executeTakeFirst();
	return row?.time_zone ?? null;
}

/**
 * The counters kept per 15-minute bucket, with their key columns (slot last) and summed columns.
 * Concurrent writers spread over eight slots per key so they do not queue on one row; once a
 * bucket is past, nothing writes to it in the normal course, and its slots are folded into one.
 */
const BUCKETED_COUNTERS = [
	{ table: "dashboard_signups", key: ["tenant_id", "account_id", "bucket"], sums: ["users"] },
	{
		table: "dashboard_activity",
		key: ["tenant_id", "account_id", "bucket"],
		sums: ["sign_ins", "failures", "lockouts"],
	},
	{
		table: "dashboard_active_changes",
		key: ["tenant_id", "account_id", "bucket", "user_type", "two_factor_type"],
		sums: ["users"],
	},
] as const;

/**
 * Folds the slots of every bucket that starts before `before` into slot 0, so a busy past
 * quarter-hour keeps one row per key instead of eight. Each table is one statement that deletes
 * the other slots and adds their sums to slot 0, so every sum stays exactly what it was for any
 * reader, and a late write to a folded bucket only makes a new slot row that the next run folds.
 * Returns the rows removed.
 */
export async function foldCounterSlotsBefore(db: Db, before: Date): Promise<number> {
	let removed = 0;
	for (const { table, key, sums } of BUCKETED_COUNTERS) {
		const keys = sql.join(key.map((column) => sql.ref(column)));
		const result = await sql<{ removed: number }>`
			with moved as (
				delete from ${sql.table(table)} where bucket < ${before} and slot <> 0
				returning ${keys}, ${sql.join(sums.map((column) => sql.ref(column)))}),
			-- A data-modifying WITH always runs to completion, whether or not the query reads it.
			folded as (
				insert into ${sql.table(table)} as c (${keys}, slot, ${sql.join(sums.map((column) => sql.ref(column)))})
				select ${keys}, 0, ${sql.join(sums.map((column) => sql`sum(${sql.ref(column)})`))} from moved group by ${keys}
				on conflict (${keys}, slot) do update
				set ${sql.join(sums.map((column) => sql`${sql.ref(column)} = ${sql.ref(`c.${column}`)} + excluded.${sql.ref(column)}`))})
			select count(*)::int as removed from moved`.execute(db);
		removed += result.rows[0]?.removed ?? 0;
	}
	return removed;
}
