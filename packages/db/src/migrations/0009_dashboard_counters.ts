import { type Kysely, sql } from "kysely";

/**
 * The dashboard's figures as counters, kept by triggers in the same transaction as every change,
 * so `dashboard.get` reads a few hundred counter rows instead of scanning every user, and is
 * still exact and current (no cache, no refresh job).
 *
 * - Every counter is keyed by tenant and the user's primary account (the nil uuid for none), so
 *   a tenant admin sums the tenant and an account-scoped admin sums their accounts.
 * - Each key has up to `SLOTS` rows, picked by transaction id and summed on read: concurrent
 *   sign-ups in one tenant lock different rows instead of queueing on one hot row.
 * - Sign-ups are counted per 15-minute UTC bucket (every time zone's offset is a multiple of
 *   15 minutes, so any viewer's local day is a whole number of buckets); open invitations per
 *   15-minute bucket of their expiry, so "pending now" is a range of buckets plus the current one.
 * - "Users holding a role" and "users with a passkey" count distinct users; the holdings tables
 *   count each user's assignments and passkeys so the holder counters change only when a user
 *   gets their first or loses their last, and the upsert's row lock keeps that exact under
 *   concurrency.
 * - Triggers are per statement with transition tables, so a bulk insert of 100,000 users is
 *   one grouped upsert. A change to a role assignment, passkey or invitation locks its user
 *   (FOR SHARE) before reading the user's account, so it cannot race a move to another account.
 * - A user row is deleted only after its role assignments, passkeys and invitations (BEFORE
 *   DELETE), so their triggers still see which account the user was in.
 */
const SLOTS = 8;
const NIL = "00000000-0000-0000-0000-000000000000";

const upsert = (key: string[], value: string) =>
	`on conflict (${key.join(", ")}) do update set ${value} = c.${value} + excluded.${value}`;

const USER_COUNT_KEY = ["tenant_id", "account_id", "state", "user_type", "two_factor_type", "slot"];
const SIGNUP_KEY = ["tenant_id", "account_id", "bucket", "slot"];
const HOLDER_KEY = ["tenant_id", "account_id", "role_id", "slot"];
const PASSKEY_KEY = ["tenant_id", "account_id", "slot"];
const INVITATION_KEY = ["tenant_id", "account_id", "expires_bucket", "slot"];

/** Users rows as signed deltas: `+1` for the transition table `new_rows`, `-1` for `old_rows`. */
function userDeltas(tables: ("old_rows" | "new_rows")[]): string {
	return tables
		.map(
			(table) =>
				`select tenant_id, primary_account_id, state, user_type, two_factor_type, created_at, ${table === "new_rows" ? 1 : -1} as d from ${table}`,
		)
		.join(" union all ");
}

/** The user counters and sign-up buckets moved by the users rows in `tables`. */
function countUsers(tables: ("old_rows" | "new_rows")[]): string {
	const rows = userDeltas(tables);
	return `
		insert into dashboard_user_counts as c (${USER_COUNT_KEY.join(", ")}, users)
		select tenant_id, tessera_dashboard_account(primary_account_id), state, user_type, coalesce(two_factor_type, ''), s, sum(d)
		from (${rows}) r group by 1, 2, 3, 4, 5 having sum(d) <> 0 order by 1, 2, 3, 4, 5
		${upsert(USER_COUNT_KEY, "users")};
		insert into dashboard_signups as c (${SIGNUP_KEY.join(", ")}, users)
		select tenant_id, tessera_dashboard_account(primary_account_id), tessera_dashboard_bucket(created_at), s, sum(d)
		from (${rows}) r group by 1, 2, 3 having sum(d) <> 0 order by 1, 2, 3
		${upsert(SIGNUP_KEY, "users")};`;
}

/**
 * Child rows (role assignments, passkeys, invitations) as signed deltas grouped by what the
 * holding function takes, then handed to it as arrays.
 */
function childDeltas(tables: ("old_rows" | "new_rows")[], columns: string[], where = "true"): string {
	return tables
		.map((table) => `select ${columns.join(", ")}, ${table === "new_rows" ? 1 : -1} as d from ${table} where ${where}`)
		.join(" union all ");
}

const OPEN = "accepted_at is null and revoked_at is null";

function childTrigger(name: string, tables: ("old_rows" | "new_rows")[]): string {
	switch (name) {
		case "role_assignments":
			return `
				select array_agg(user_id), array_agg(role_id), array_agg(n) into users_, refs_, deltas_
				from (select user_id, role_id, sum(d)::int as n from (${childDeltas(tables, ["user_id", "role_id"])}) r
					group by 1, 2 having sum(d) <> 0) g;
				if users_ is not null then perform tessera_dashboard_hold_roles(users_, refs_, deltas_); end if;`;
		case "passkeys":
			return `
				select array_agg(user_id), array_agg(n) into users_, deltas_
				from (select user_id, sum(d)::int as n from (${childDeltas(tables, ["user_id"])}) r
					group by 1 having sum(d) <> 0) g;
				if users_ is not null then perform tessera_dashboard_hold_passkeys(users_, deltas_); end if;`;
		default:
			return `
				select array_agg(user_id), array_agg(expires_at), array_agg(n) into users_, expiries_, deltas_
				from (select user_id, tessera_dashboard_bucket(expires_at) as expires_at, sum(d)::int as n
					from (${childDeltas(tables, ["user_id", "expires_at"], OPEN)}) r
					group by 1, 2 having sum(d) <> 0) g;
				if users_ is not null then perform tessera_dashboard_count_invitations(users_, expiries_, deltas_); end if;`;
	}
}

/** Users whose account or deleted-ness an UPDATE changed: what the holder counters follow. */
const MOVED = `
	select o.id, o.tenant_id, tessera_dashboard_account(o.primary_account_id) as old_account,
		tessera_dashboard_account(n.primary_account_id) as new_account,
		o.state = 'deleted' as was_deleted, n.state = 'deleted' as is_deleted
	from old_rows o join new_rows n on n.id = o.id
	where o.primary_account_id is distinct from n.primary_account_id or (o.state = 'deleted') <> (n.state = 'deleted')`;

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
		create function tessera_dashboard_slot() returns smallint language sql volatile
		as $$ select (txid_current() % ${SLOTS})::smallint $$`);
	await run(`
		create function tessera_dashboard_bucket(at timestamptz) returns timestamptz language sql immutable parallel safe
		as $$ select date_bin('15 minutes', at, timestamptz '1970-01-01 00:00:00+00') $$`);
	await run(`
		create function tessera_dashboard_account(account_id uuid) returns uuid language sql immutable parallel safe
		as $$ select coalesce(account_id, '${NIL}'::uuid) $$`);

	await run(`
		create table dashboard_user_counts (
			tenant_id uuid not null, account_id uuid not null, state text not null, user_type text not null,
			two_factor_type text not null, slot smallint not null, users integer not null,
			primary key (${USER_COUNT_KEY.join(", ")}))`);
	await run(`
		create table dashboard_signups (
			tenant_id uuid not null, account_id uuid not null, bucket timestamptz not null, slot smallint not null,
			users integer not null, primary key (${SIGNUP_KEY.join(", ")}))`);
	// A tenant admin reads the last 30 days of the whole tenant: a range on (tenant, bucket).
	await run("create index dashboard_signups_tenant_bucket on dashboard_signups (tenant_id, bucket) include (users)");
	await run(`
		create table dashboard_role_holders (
			tenant_id uuid not null, account_id uuid not null, role_id uuid not null, slot smallint not null,
			users integer not null, primary key (${HOLDER_KEY.join(", ")}))`);
	await run(`
		create table dashboard_passkeys (
			tenant_id uuid not null, account_id uuid not null, slot smallint not null,
			passkeys integer not null, holders integer not null, primary key (${PASSKEY_KEY.join(", ")}))`);
	await run(`
		create table dashboard_invitations (
			tenant_id uuid not null, account_id uuid not null, expires_bucket timestamptz not null, slot smallint not null,
			invitations integer not null, primary key (${INVITATION_KEY.join(", ")}))`);
	await run(
		"create index dashboard_invitations_tenant_bucket on dashboard_invitations (tenant_id, expires_bucket) include (invitations)",
	);
	await run(`
		create table dashboard_role_holdings (
			user_id uuid not null, role_id uuid not null, assignments integer not null, primary key (user_id, role_id))`);
	await run("create table dashboard_passkey_holdings (user_id uuid primary key, passkeys integer not null)");
	// The open invitations expiring in the current 15-minute bucket are counted one by one.
	await run(`create index invitations_open_expiry on invitations (tenant_id, expires_at) where ${OPEN}`);

	// Counted distinct holders of a role, per account, of users not deleted.
	await run(`
		create function tessera_dashboard_hold_roles(p_users uuid[], p_roles uuid[], p_deltas integer[]) returns void
		language plpgsql as $$
		declare s smallint := tessera_dashboard_slot();
		begin
			perform 1 from users where id = any(p_users) order by id for share;
			with d as (select * from unnest(p_users, p_roles, p_deltas) as d(user_id, role_id, delta)),
			h as (
				insert into dashboard_role_holdings as h (user_id, role_id, assignments)
				select user_id, role_id, delta from d order by user_id, role_id
				on conflict (user_id, role_id) do update set assignments = h.assignments + excluded.assignments
				returning h.user_id, h.role_id, h.assignments
			),
			changed as (
				select h.user_id, h.role_id, (h.assignments > 0)::int - (h.assignments - d.delta > 0)::int as change
				from h join d on d.user_id = h.user_id and d.role_id = h.role_id
			)
			insert into dashboard_role_holders as c (${HOLDER_KEY.join(", ")}, users)
			select u.tenant_id, tessera_dashboard_account(u.primary_account_id), ch.role_id, s, sum(ch.change)
			from changed ch join users u on u.id = ch.user_id
			where ch.change <> 0 and u.state <> 'deleted'
			group by 1, 2, 3 having sum(ch.change) <> 0 order by 1, 2, 3
			${upsert(HOLDER_KEY, "users")};
			delete from dashboard_role_holdings where user_id = any(p_users) and assignments = 0;
		end $$`);
	await run(`
		create function tessera_dashboard_hold_passkeys(p_users uuid[], p_deltas integer[]) returns void
		language plpgsql as $$
		declare s smallint := tessera_dashboard_slot();
		begin
			perform 1 from users where id = any(p_users) order by id for share;
			with d as (select * from unnest(p_users, p_deltas) as d(user_id, delta)),
			h as (
				insert into dashboard_passkey_holdings as h (user_id, passkeys)
				select user_id, delta from d order by user_id
				on conflict (user_id) do update set passkeys = h.passkeys + excluded.passkeys
				returning h.user_id, h.passkeys
			),
			changed as (
				select h.user_id, d.delta, (h.passkeys > 0)::int - (h.passkeys - d.delta > 0)::int as change
				from h join d on d.user_id = h.user_id
			)
			insert into dashboard_passkeys as c (${PASSKEY_KEY.join(", ")}, passkeys, holders)
			select u.tenant_id, tessera_dashboard_account(u.primary_account_id), s, sum(ch.delta), sum(ch.change)
			from changed ch join users u on u.id = ch.user_id
			group by 1, 2 order by 1, 2
			on conflict (${PASSKEY_KEY.join(", ")}) do update
				set passkeys = c.passkeys + excluded.passkeys, holders = c.holders + excluded.holders;
			delete from dashboard_passkey_holdings where user_id = any(p_users) and passkeys = 0;
		end $$`);
	await run(`
		create function tessera_dashboard_count_invitations(p_users uuid[], p_buckets timestamptz[], p_deltas integer[])
		returns void language plpgsql as $$
		declare s smallint := tessera_dashboard_slot();
		begin
			perform 1 from users where id = any(p_users) order by id for share;
			insert into dashboard_invitations as c (${INVITATION_KEY.join(", ")}, invitations)
			select u.tenant_id, tessera_dashboard_account(u.primary_account_id), d.bucket, s, sum(d.delta)
			from unnest(p_users, p_buckets, p_deltas) as d(user_id, bucket, delta) join users u on u.id = d.user_id
			group by 1, 2, 3 having sum(d.delta) <> 0 order by 1, 2, 3
			${upsert(INVITATION_KEY, "invitations")};
		end $$`);

	for (const event of ["insert", "update", "delete"] as const) {
		const tables = [...EVENTS[event]];
		// The holder counters follow a user to another account, or out of (and back into) the
		// counted when deleted; the user rows are locked by this UPDATE.
		const moves =
			event !== "update"
				? ""
				: `
			if exists (${MOVED}) then
				insert into dashboard_role_holders as c (${HOLDER_KEY.join(", ")}, users)
				select tenant_id, account_id, role_id, s, sum(d) from (
					select m.tenant_id, m.old_account as account_id, h.role_id, -1 as d
					from (${MOVED}) m join dashboard_role_holdings h on h.user_id = m.id where not m.was_deleted
					union all
					select m.tenant_id, m.new_account, h.role_id, 1
					from (${MOVED}) m join dashboard_role_holdings h on h.user_id = m.id where not m.is_deleted
				) r group by 1, 2, 3 having sum(d) <> 0 order by 1, 2, 3
				${upsert(HOLDER_KEY, "users")};
				insert into dashboard_passkeys as c (${PASSKEY_KEY.join(", ")}, passkeys, holders)
				select tenant_id, account_id, s, sum(passkeys), sum(holders) from (
					select m.tenant_id, m.old_account as account_id, -h.passkeys as passkeys, -1 as holders
					from (${MOVED}) m join dashboard_passkey_holdings h on h.user_id = m.id
					union all
					select m.tenant_id, m.new_account, h.passkeys, 1
					from (${MOVED}) m join dashboard_passkey_holdings h on h.user_id = m.id
				) r group by 1, 2 having sum(holders) <> 0 or sum(passkeys) <> 0 order by 1, 2
				on conflict (${PASSKEY_KEY.join(", ")}) do update
					set passkeys = c.passkeys + excluded.passkeys, holders = c.holders + excluded.holders;
				insert into dashboard_invitations as c (${INVITATION_KEY.join(", ")}, invitations)
				select tenant_id, account_id, bucket, s, sum(d) from (
					select m.tenant_id, m.old_account as account_id, tessera_dashboard_bucket(i.expires_at) as bucket, -1 as d
					from (${MOVED}) m join invitations i on i.user_id = m.id where i.${OPEN.replace(" and ", " and i.")}
					union all
					select m.tenant_id, m.new_account, tessera_dashboard_bucket(i.expires_at), 1
					from (${MOVED}) m join invitations i on i.user_id = m.id where i.${OPEN.replace(" and ", " and i.")}
				) r group by 1, 2, 3 having sum(d) <> 0 order by 1, 2, 3
				${upsert(INVITATION_KEY, "invitations")};
			end if;`;
		await run(`
			create function tessera_dashboard_users_${event}() returns trigger language plpgsql as $$
			declare s smallint := tessera_dashboard_slot();
			begin
				${countUsers(tables)}
				${moves}
				return null;
			end $$`);
		await run(`
			create trigger dashboard_users_${event} after ${event} on users ${referencing(event)}
			for each statement execute function tessera_dashboard_users_${event}()`);

		for (const child of ["role_assignments", "passkeys", "invitations"]) {
			await run(`
				create function tessera_dashboard_${child}_${event}() returns trigger language plpgsql as $$
				declare users_ uuid[]; refs_ uuid[]; expiries_ timestamptz[]; deltas_ integer[];
				begin
					${childTrigger(child, tables)}
					return null;
				end $$`);
			await run(`
				create trigger dashboard_${child}_${event} after ${event} on ${child} ${referencing(event)}
				for each statement execute function tessera_dashboard_${child}_${event}()`);
		}
	}

	// Deleting the children first, while the user row still names its account, lets their own
	// triggers take them off the counters; the foreign-key cascade then finds nothing left.
	await run(`
		create function tessera_dashboard_user_deleting() returns trigger language plpgsql as $$
		begin
			delete from role_assignments where user_id = old.id;
			delete from passkeys where user_id = old.id;
			delete from invitations where user_id = old.id;
			return old;
		end $$`);
	await run(`
		create trigger dashboard_user_deleting before delete on users
		for each row execute function tessera_dashboard_user_deleting()`);

	// Counters carry no foreign keys (a cascade could drop a row a trigger then writes again).
	// A deleted tenant's or role's counter rows go at commit (deferred constraint triggers), when
	// every cascade has run, in whatever order the server ran them.
	await run(`
		create function tessera_dashboard_tenant_deleted() returns trigger language plpgsql as $$
		begin
			delete from dashboard_user_counts where tenant_id = old.id;
			delete from dashboard_signups where tenant_id = old.id;
			delete from dashboard_role_holders where tenant_id = old.id;
			delete from dashboard_passkeys where tenant_id = old.id;
			delete from dashboard_invitations where tenant_id = old.id;
			return null;
		end $$`);
	await run(`
		create constraint trigger dashboard_tenant_deleted after delete on tenants
		deferrable initially deferred for each row execute function tessera_dashboard_tenant_deleted()`);
	await run(`
		create function tessera_dashboard_role_deleted() returns trigger language plpgsql as $$
		begin
			delete from dashboard_role_holders where role_id = old.id;
			return null;
		end $$`);
	await run(`
		create constraint trigger dashboard_role_deleted after delete on roles
		deferrable initially deferred for each row execute function tessera_dashboard_role_deleted()`);

	// Backfill from the rows that exist, in slot 0; the triggers take over from here.
	await run(`
		insert into dashboard_user_counts (${USER_COUNT_KEY.join(", ")}, users)
		select tenant_id, tessera_dashboard_account(primary_account_id), state, user_type, coalesce(two_factor_type, ''), 0, count(*)
		from users group by 1, 2, 3, 4, 5`);
	await run(`
		insert into dashboard_signups (${SIGNUP_KEY.join(", ")}, users)
		select tenant_id, tessera_dashboard_account(primary_account_id), tessera_dashboard_bucket(created_at), 0, count(*)
		from users group by 1, 2, 3`);
	await run(`
		insert into dashboard_role_holdings (user_id, role_id, assignments)
		select user_id, role_id, count(*) from role_assignments group by 1, 2`);
	await run(`
		insert into dashboard_role_holders (${HOLDER_KEY.join(", ")}, users)
		select u.tenant_id, tessera_dashboard_account(u.primary_account_id), h.role_id, 0, count(*)
		from dashboard_role_holdings h join users u on u.id = h.user_id where u.state <> 'deleted' group by 1, 2, 3`);
	await run(`
		insert into dashboard_passkey_holdings (user_id, passkeys) select user_id, count(*) from passkeys group by 1`);
	await run(`
		insert into dashboard_passkeys (${PASSKEY_KEY.join(", ")}, passkeys, holders)
		select u.tenant_id, tessera_dashboard_account(u.primary_account_id), 0, sum(h.passkeys), count(*)
		from dashboard_passkey_holdings h join users u on u.id = h.user_id group by 1, 2`);
	await run(`
		insert into dashboard_invitations (${INVITATION_KEY.join(", ")}, invitations)
		select u.tenant_id, tessera_dashboard_account(u.primary_account_id), tessera_dashboard_bucket(i.expires_at), 0, count(*)
		from invitations i join users u on u.id = i.user_id where i.${OPEN.replace(" and ", " and i.")} group by 1, 2, 3`);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
	const run = (text: string) => sql.raw(text).execute(db);
	for (const event of ["insert", "update", "delete"]) {
		for (const table of ["users", "role_assignments", "passkeys", "invitations"]) {
			await run(`drop trigger if exists dashboard_${table}_${event} on ${table}`);
			await run(`drop function if exists tessera_dashboard_${table}_${event}()`);
		}
	}
	await run("drop trigger if exists dashboard_user_deleting on users");
	await run("drop function if exists tessera_dashboard_user_deleting()");
	await run("drop trigger if exists dashboard_tenant_deleted on tenants");
	await run("drop function if exists tessera_dashboard_tenant_deleted()");
	await run("drop trigger if exists dashboard_role_deleted on roles");
	await run("drop function if exists tessera_dashboard_role_deleted()");
	await run("drop function if exists tessera_dashboard_hold_roles(uuid[], uuid[], integer[])");
	await run("drop function if exists tessera_dashboard_hold_passkeys(uuid[], integer[])");
	await run("drop function if exists tessera_dashboard_count_invitations(uuid[], timestamptz[], integer[])");
	await run("drop index if exists invitations_open_expiry");
	for (const table of [
		"dashboard_passkey_holdings",
		"dashboard_role_holdings",
		"dashboard_invitations",
		"dashboard_passkeys",
		"dashboard_role_holders",
		"dashboard_signups",
		"dashboard_user_counts",
	]) {
		await run(`drop table if exists ${table}`);
	}
	await run("drop function if exists tessera_dashboard_account(uuid)");
	await run("drop function if exists tessera_dashboard_bucket(timestamptz)");
	await run("drop function if exists tessera_dashboard_slot()");
}
