import { type Kysely, sql } from "kysely";

/**
 * Counters for the dashboard's charts over time, kept like 0009's (same transaction, per
 * statement with transition tables, per tenant, primary account, 15-minute UTC bucket and slot,
 * summed on read), so a chart of 30 days reads counter rows and never the users or the log.
 *
 * - Sign-ins, failed sign-ins and lockouts: the audit rows `auth.sign_in` (outcome success or
 *   failure) and `auth.locked`, per bucket of `occurred_at`, counted when the row is written.
 *   An event is counted in the account its user (`target_user_id`) is in now, like 0009's
 *   sign-ups: a move to another account takes the user's counted events along (read from the
 *   audit log's (tenant, target, time) index, one user's rows), and a user row that is deleted
 *   leaves them to the nil account, so a tenant's totals never change after the fact. The log
 *   only grows (0007), so nothing else can take an event away. The insert locks the users it
 *   names (FOR SHARE) before reading their account, so it cannot race a move.
 * - Active users per user type and preferred second factor, as signed changes per bucket of the
 *   change (`now()`): a user entering the active set, or moving to another method or account, is
 *   +1 where they are and -1 where they were. Today's figure is 0009's counter; the figure at the
 *   end of an earlier day is that minus every change after it, so 30 days of MFA adoption and
 *   method mix cost one range of change rows, exact. The changes summed over all buckets equal
 *   the active users, which is what the tests recount.
 * - `dashboard_history_since`: a tenant that already had users when this ran was counted in at
 *   that moment (its changes start with the backfill), so its earlier days are unknown and not
 *   shown. A tenant created later has no row: all its history is known.
 */
const NIL = "00000000-0000-0000-0000-000000000000";

const ACTIVITY_KEY = ["tenant_id", "account_id", "bucket", "slot"];
const CHANGE_KEY = ["tenant_id", "account_id", "bucket", "user_type", "two_factor_type", "slot"];
const ACTIVITY = ["sign_ins", "failures", "lockouts"] as const;

/** The audit rows (`alias`) these counters count. */
const counted = (alias: string) => `${alias}.action in ('auth.sign_in', 'auth.locked')`;

/** Sign-ins, failures and lockouts among the audit rows `alias`, as the three counter columns. */
const activityCounts = (alias: string) => `
	count(*) filter (where ${alias}.action = 'auth.sign_in' and ${alias}.outcome = 'success') as sign_ins,
	count(*) filter (where ${alias}.action = 'auth.sign_in' and ${alias}.outcome = 'failure') as failures,
	count(*) filter (where ${alias}.action = 'auth.locked') as lockouts`;

const activityUpsert = `on conflict (${ACTIVITY_KEY.join(", ")}) do update set ${ACTIVITY.map((c) => `${c} = c.${c} + excluded.${c}`).join(", ")}`;

/**
 * Moves the counted events of the users in `moved` (id, tenant_id, old_account, new_account)
 * from their old account to their new one, bucket by bucket.
 */
function moveActivity(moved: string): string {
	return `
		insert into dashboard_activity as c (${ACTIVITY_KEY.join(", ")}, ${ACTIVITY.join(", ")})
		select m.tenant_id, a.account_id, e.bucket, s, ${ACTIVITY.map((col) => `sum(a.sign * e.${col})`).join(", ")}
		from (${moved}) m
		cross join lateral (
			select tessera_dashboard_bucket(x.occurred_at) as bucket, ${activityCounts("x")}
			from audit_events x where x.tenant_id = m.tenant_id and x.target_user_id = m.id and ${counted("x")}
			group by 1
		) e
		cross join lateral (values (m.old_account, -1), (m.new_account, 1)) as a(account_id, sign)
		group by 1, 2, 3 having ${ACTIVITY.map((col) => `sum(a.sign * e.${col}) <> 0`).join(" or ")}
		order by 1, 2, 3
		${activityUpsert};`;
}

const MOVED_BY_UPDATE = `
	select o.id, o.tenant_id, tessera_dashboard_account(o.primary_account_id) as old_account,
		tessera_dashboard_account(n.primary_account_id) as new_account
	from old_rows o join new_rows n on n.id = o.id
	where o.primary_account_id is distinct from n.primary_account_id`;
const MOVED_BY_DELETE = `
	select o.id, o.tenant_id, o.primary_account_id as old_account, '${NIL}'::uuid as new_account
	from old_rows o where o.primary_account_id is not null`;

/** Active users in `tables` as signed changes in the current bucket. */
function countActiveChanges(tables: ("old_rows" | "new_rows")[]): string {
	const rows = tables
		.map(
			(table) =>
				`select tenant_id, primary_account_id, user_type, two_factor_type, ${table === "new_rows" ? 1 : -1} as d
				from ${table} where state = 'active'`,
		)
		.join(" union all ");
	return `
		insert into dashboard_active_changes as c (${CHANGE_KEY.join(", ")}, users)
		select tenant_id, tessera_dashboard_account(primary_account_id), tessera_dashboard_bucket(now()), user_type,
			coalesce(two_factor_type, ''), s, sum(d)
		from (${rows}) r group by 1, 2, 3, 4, 5 having sum(d) <> 0 order by 1, 2, 3, 4, 5
		on conflict (${CHANGE_KEY.join(", ")}) do update set users = c.users + excluded.users;`;
}

const EVENTS = { insert: ["new_rows"], update: ["old_rows", "new_rows"], delete: ["old_rows"] } as const;

function referencing(event: keyof typeof EVENTS): string {
	return event === "insert"
		? "referencing new table as new_rows"
		: event === "delete"
			? "referencing old table as old_rows"
			: "referencing old table as old_rows new table as new_rows";
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
	const run = (text: string) => sql.raw(text).execute(db);

	await run(`
		create table dashboard_activity (
			tenant_id uuid not null, account_id uuid not null, bucket timestamptz not null, slot smallint not null,
			sign_ins integer not null, failures integer not null, lockouts integer not null,
			primary key (${ACTIVITY_KEY.join(", ")}))`);
	// A tenant admin reads the last 30 days of the whole tenant: a range on (tenant, bucket).
	await run(
		"create index dashboard_activity_tenant_bucket on dashboard_activity (tenant_id, bucket) include (sign_ins, failures, lockouts)",
	);
	await run(`
		create table dashboard_active_changes (
			tenant_id uuid not null, account_id uuid not null, bucket timestamptz not null, user_type text not null,
			two_factor_type text not null, slot smallint not null, users integer not null,
			primary key (${CHANGE_KEY.join(", ")}))`);
	await run(
		"create index dashboard_active_changes_tenant_bucket on dashboard_active_changes (tenant_id, bucket) include (user_type, two_factor_type, users)",
	);
	await run("create table dashboard_history_since (tenant_id uuid primary key, since timestamptz not null)");

	await run(`
		create function tessera_dashboard_audit_insert() returns trigger language plpgsql as $$
		declare s smallint;
		begin
			if not exists (select 1 from new_rows e where ${counted("e")}) then return null; end if;
			s := tessera_dashboard_slot();
			perform 1 from users where id in (select e.target_user_id from new_rows e where ${counted("e")}) order by id for share;
			insert into dashboard_activity as c (${ACTIVITY_KEY.join(", ")}, ${ACTIVITY.join(", ")})
			select e.tenant_id, tessera_dashboard_account(u.primary_account_id), tessera_dashboard_bucket(e.occurred_at), s,
				${activityCounts("e")}
			from new_rows e left join users u on u.id = e.target_user_id and u.tenant_id = e.tenant_id
			where ${counted("e")}
			group by 1, 2, 3 order by 1, 2, 3
			${activityUpsert};
			return null;
		end $$`);
	await run(`
		create trigger dashboard_audit_insert after insert on audit_events referencing new table as new_rows
		for each statement execute function tessera_dashboard_audit_insert()`);

	for (const event of ["insert", "update", "delete"] as const) {
		const moves =
			event === "update"
				? `if exists (${MOVED_BY_UPDATE}) then ${moveActivity(MOVED_BY_UPDATE)} end if;`
				: event === "delete"
					? `if exists (${MOVED_BY_DELETE}) then ${moveActivity(MOVED_BY_DELETE)} end if;`
					: "";
		await run(`
			create function tessera_dashboard_history_users_${event}() returns trigger language plpgsql as $$
			declare s smallint := tessera_dashboard_slot();
			begin
				${countActiveChanges([...EVENTS[event]])}
				${moves}
				return null;
			end $$`);
		await run(`
			create trigger dashboard_history_users_${event} after ${event} on users ${referencing(event)}
			for each statement execute function tessera_dashboard_history_users_${event}()`);
	}

	// As in 0009: no foreign keys on counters; a deleted tenant's rows go at commit.
	await run(`
		create function tessera_dashboard_history_tenant_deleted() returns trigger language plpgsql as $$
		begin
			delete from dashboard_activity where tenant_id = old.id;
			delete from dashboard_active_changes where tenant_id = old.id;
			delete from dashboard_history_since where tenant_id = old.id;
			return null;
		end $$`);
	await run(`
		create constraint trigger dashboard_history_tenant_deleted after delete on tenants
		deferrable initially deferred for each row execute function tessera_dashboard_history_tenant_deleted()`);

	// Backfill, in slot 0: every event the log holds, and the active users as of now.
	await run(`
		insert into dashboard_activity (${ACTIVITY_KEY.join(", ")}, ${ACTIVITY.join(", ")})
		select e.tenant_id, tessera_dashboard_account(u.primary_account_id), tessera_dashboard_bucket(e.occurred_at), 0,
			${activityCounts("e")}
		from audit_events e left join users u on u.id = e.target_user_id and u.tenant_id = e.tenant_id
		where ${counted("e")} group by 1, 2, 3`);
	await run(`
		insert into dashboard_active_changes (${CHANGE_KEY.join(", ")}, users)
		select tenant_id, tessera_dashboard_account(primary_account_id), tessera_dashboard_bucket(now()), user_type,
			coalesce(two_factor_type, ''), 0, count(*)
		from users where state = 'active' group by 1, 2, 3, 4, 5`);
	await run("insert into dashboard_history_since (tenant_id, since) select distinct tenant_id, now() from users");
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
	const run = (text: string) => sql.raw(text).execute(db);
	for (const event of ["insert", "update", "delete"]) {
		await run(`drop trigger if exists dashboard_history_users_${event} on users`);
		await run(`drop function if exists tessera_dashboard_history_users_${event}()`);
	}
	await run("drop trigger if exists dashboard_audit_insert on audit_events");
	await run("drop function if exists tessera_dashboard_audit_insert()");
	await run("drop trigger if exists dashboard_history_tenant_deleted on tenants");
	await run("drop function if exists tessera_dashboard_history_tenant_deleted()");
	for (const table of ["dashboard_history_since", "dashboard_active_changes", "dashboard_activity"]) {
		await run(`drop table if exists ${table}`);
	}
}
