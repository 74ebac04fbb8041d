import { insertAuditEvent } from "@tessera/core/audit/audit.repository";
import { foldCounterSlotsBefore } from "@tessera/core/dashboard/dashboard.repository";
import { foldSettledDashboardCounters } from "@tessera/core/dashboard/dashboard.service";
import { purgeDueUsers } from "@tessera/core/jobs/purge.service";
import { DAY } from "@tessera/core/shared/clock";
import { insertBulkUsers } from "@tessera/db/bulk";
import { TRPCClientError } from "@trpc/client";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestClient, type TestServer } from "../src/testing";
import { createAccount, roleIdOf, signedIn } from "./helpers";

/**
 * The dashboard's counters (migrations 0009 and 0011) are kept by triggers; after any mix of
 * changes — through the real services where there is one, as plain SQL where the change is a row
 * the services write (passkeys, MFA flags, audit rows of past days), some fired at once — every
 * counter row equals a full recount of the rows it counts, per tenant and account, and
 * `dashboard.get` answers what a scan of the users and the audit log would, for a tenant admin
 * and for an account-scoped admin.
 */

let server: TestServer;
let tenantId: string;
let accounts: string[];
let admin: TestClient;
let accountAdmin: TestClient;
let roles: string[];
beforeAll(async () => {
	server = await startTestServer();
	tenantId = await server.createTenant("counted");
	const top = await createAccount(server, tenantId, "Top");
	accounts = [top, await createAccount(server, tenantId, "Sub", top), await createAccount(server, tenantId, "Other")];
	({ client: admin } = await signedIn(server, { tenantSlug: "counted", roles: [{ key: "tenant_admin" }] }));
	({ client: accountAdmin } = await signedIn(server, {
		tenantSlug: "counted",
		timeZone: "Asia/Kathmandu",
		primaryAccountId: accounts[2],
		roles: [{ key: "security_auditor", contextType: "account", contextId: top, appliesToSubAccounts: true }],
	}));
	roles = await Promise.all(["member", "user_manager", "account_admin"].map((key) => roleIdOf(server, tenantId, key)));
});
afterAll(async () => {
	await server?.close();
});

type Op =
	| { kind: "seed"; state: "create" | "active" | "inactive"; account: number }
	| { kind: "bulk"; n: number }
	| { kind: "state"; user: number; to: "active" | "inactive" | "deleting" }
	| { kind: "purge"; user: number }
	| { kind: "mfa"; user: number; type: "totp" | "sms" | "email" | "passkey" | null }
	| { kind: "resetMfa"; user: number }
	| { kind: "assign"; user: number; role: number; account: number }
	| { kind: "unassign"; pick: number }
	| { kind: "move"; user: number; account: number }
	| { kind: "passkey"; user: number }
	| { kind: "unpasskey"; pick: number }
	| { kind: "invite"; account: number }
	| { kind: "revoke"; pick: number }
	| { kind: "expire"; pick: number; minutes: number }
	| { kind: "remove"; user: number }
	| { kind: "signIn"; user: number; right: boolean }
	| { kind: "event"; user: number; what: number; minutesAgo: number }
	| { kind: "fold"; hoursAhead: number };

const index = fc.nat({ max: 1000 });
const account = fc.nat({ max: 3 }); // 3: no account
const single: fc.Arbitrary<Op> = fc.oneof(
	fc.record({ kind: fc.constant("seed" as const), state: fc.constantFrom("create", "active", "inactive"), account }),
	fc.record({ kind: fc.constant("bulk" as const), n: fc.integer({ min: 1, max: 25 }) }),
	fc.record({
		kind: fc.constant("state" as const),
		user: index,
		to: fc.constantFrom("active", "inactive", "deleting"),
	}),
	fc.record({ kind: fc.constant("purge" as const), user: index }),
	fc.record({
		kind: fc.constant("mfa" as const),
		user: index,
		type: fc.constantFrom("totp", "sms", "email", "passkey", null),
	}),
	fc.record({ kind: fc.constant("resetMfa" as const), user: index }),
	fc.record({ kind: fc.constant("assign" as const), user: index, role: fc.nat({ max: 2 }), account }),
	fc.record({ kind: fc.constant("unassign" as const), pick: index }),
	fc.record({ kind: fc.constant("move" as const), user: index, account }),
	fc.record({ kind: fc.constant("passkey" as const), user: index }),
	fc.record({ kind: fc.constant("unpasskey" as const), pick: index }),
	fc.record({ kind: fc.constant("invite" as const), account }),
	fc.record({ kind: fc.constant("revoke" as const), pick: index }),
	fc.record({ kind: fc.constant("expire" as const), pick: index, minutes: fc.integer({ min: -40, max: 40 }) }),
	fc.record({ kind: fc.constant("remove" as const), user: index }),
	fc.record({ kind: fc.constant("signIn" as const), user: index, right: fc.boolean() }),
	// Housekeeping folding past quarter-hours' slots, now and then the current one too, racing the writers.
	fc.record({ kind: fc.constant("fold" as const), hoursAhead: fc.integer({ min: -48, max: 1 }) }),
	// Up to 40 days back: events on every day the charts show, and some before them.
	fc.record({
		kind: fc.constant("event" as const),
		user: index,
		what: fc.nat({ max: 2 }),
		minutesAgo: fc.integer({ min: 0, max: 40 * 24 * 60 }),
	}),
);
/** A step: one change, or several fired at once. */
const step = fc.oneof(
	{ weight: 3, arbitrary: single.map((op) => [op]) },
	fc.array(single, { minLength: 2, maxLength: 6 }),
);

let serial = 0;
/** The password `seedUser` gives every user it seeds without one. */
let seededPassword = "";
/** How many changes of each kind took effect, and why some were refused (for a failing run's message). */
const applied = new Map<Op["kind"], number>();
const refused = new Map<Op["kind"], string>();
const accountOf = (n: number) => accounts[n] ?? null;

async function pickUser(n: number) {
	const rows = await server.db
		.selectFrom("users")
		.select(["id", "version", "email"])
		.where("tenant_id", "=", tenantId)
		.where("email", "like", "%@counted.example")
		.orderBy("id")
		.execute();
	return rows.length === 0 ? undefined : rows[n % rows.length];
}
async function pickRow(table: "role_assignments" | "passkeys" | "invitations", n: number) {
	const rows = await server.db.selectFrom(table).select("id").where("tenant_id", "=", tenantId).orderBy("id").execute();
	return rows.length === 0 ? undefined : rows[n % rows.length]?.id;
}

/** Applies one change; false when there was nothing to apply it to. */
async function apply(op: Op): Promise<boolean> {
	const id = ++serial;
	switch (op.kind) {
		case "seed":
			({ password: seededPassword } = await server.seedUser({
				tenantSlug: "counted",
				email: `s${id}@counted.example`,
				state: op.state,
				primaryAccountId: accountOf(op.account),
			}));
			return true;
		case "bulk": {
			await insertBulkUsers(server.db, tenantId, op.n);
			// Bulk users are made findable for later steps.
			await server.db
				.updateTable("users")
				.set({ email: sql<string>`'b' || id || '@counted.example'` })
				.where("tenant_id", "=", tenantId)
				.where("email", "like", "%@bulk.example.com")
				.execute();
			return true;
		}
		case "state": {
			const user = await pickUser(op.user);
			if (user) await admin.users.changeState.mutate({ userId: user.id, version: user.version, to: op.to });
			return user !== undefined;
		}
		case "purge": {
			const user = await pickUser(op.user);
			if (!user) return false;
			await admin.users.changeState.mutate({ userId: user.id, version: user.version, to: "deleting" });
			await purgeDueUsers({ db: server.db, clock: { now: () => new Date(server.clock.now().getTime() + 400 * DAY) } });
			return true;
		}
		case "mfa": {
			const user = await pickUser(op.user);
			if (user) {
				await server.db
					.updateTable("users")
					.set({ two_factor_enabled: op.type !== null, two_factor_type: op.type })
					.where("id", "=", user.id)
					.execute();
			}
			return user !== undefined;
		}
		case "resetMfa": {
			const user = await pickUser(op.user);
			if (user) await admin.users.resetMfa.mutate({ userId: user.id });
			return user !== undefined;
		}
		case "assign": {
			const user = await pickUser(op.user);
			const roleId = roles[op.role];
			// Each role in a context it can be assigned in (index 2, account_admin, is the account role),
			// or almost every assignment would be refused and the counters never see one.
			const where = op.role === 2 ? (accountOf(op.account) ?? accounts[0]) : null;
			if (user && roleId) {
				await admin.roles.assign.mutate({
					userId: user.id,
					roleId,
					context: where ? { type: "account", accountId: where, appliesToSubAccounts: false } : { type: "tenant" },
				});
			}
			return user !== undefined && roleId !== undefined;
		}
		case "unassign": {
			const rows = await server.db
				.selectFrom("role_assignments as ra")
				.innerJoin("users as u", "u.id", "ra.user_id")
				.select("ra.id")
				.where("ra.tenant_id", "=", tenantId)
				.where("u.email", "like", "%@counted.example")
				.orderBy("ra.id")
				.execute();
			const assignment = rows[op.pick % Math.max(1, rows.length)];
			if (assignment) await admin.roles.unassign.mutate({ assignmentId: assignment.id });
			return assignment !== undefined;
		}
		case "move": {
			const user = await pickUser(op.user);
			if (user) {
				await admin.users.update.mutate({
					userId: user.id,
					version: user.version,
					primaryAccountId: accountOf(op.account),
				});
			}
			return user !== undefined;
		}
		case "passkey": {
			const user = await pickUser(op.user);
			if (user) {
				await server.db
					.insertInto("passkeys")
					.values({
						tenant_id: tenantId,
						user_id: user.id,
						credential_id: `cred-${id}`,
						public_key: "pk",
						aaguid: "00000000-0000-0000-0000-000000000000",
						name: `Key ${id}`,
						device_type: "multiDevice",
						backed_up: true,
						created_at: new Date(),
					})
					.execute();
			}
			return user !== undefined;
		}
		case "unpasskey": {
			const passkey = await pickRow("passkeys", op.pick);
			if (passkey) await server.db.deleteFrom("passkeys").where("id", "=", passkey).execute();
			return passkey !== undefined;
		}
		case "invite":
			await admin.invitations.create.mutate({
				email: `i${id}@counted.example`,
				primaryAccountId: accountOf(op.account),
			});
			return true;
		case "revoke": {
			const invitation = await pickRow("invitations", op.pick);
			if (invitation) await admin.invitations.revoke.mutate({ invitationId: invitation });
			return invitation !== undefined;
		}
		case "expire": {
			// Near now, so some fall in the current 15-minute bucket and some have just expired.
			const invitation = await pickRow("invitations", op.pick);
			if (invitation) {
				await server.db
					.updateTable("invitations")
					.set({ expires_at: new Date(server.clock.now().getTime() + op.minutes * 60_000) })
					.where("id", "=", invitation)
					.execute();
			}
			return invitation !== undefined;
		}
		case "remove": {
			const user = await pickUser(op.user);
			if (user) await server.db.deleteFrom("users").where("id", "=", user.id).execute();
			return user !== undefined;
		}
		case "signIn": {
			// Through the API: a success, a wrong password, a user who cannot act or has no password.
			const user = await pickUser(op.user);
			if (!user?.email) return false;
			const attempt = server.client(new Map()).auth.signIn.mutate({
				tenant: "counted",
				email: user.email,
				password: op.right && seededPassword ? seededPassword : "not-the-password",
			});
			// Refused sign-ins are the point; anything but "invalid credentials" is a failure of the test.
			await attempt.catch((error: unknown) => {
				if (!(error instanceof TRPCClientError) || error.data?.domainCode !== "AUTH.INVALID_CREDENTIALS") throw error;
			});
			return true;
		}
		case "fold":
			await foldCounterSlotsBefore(server.db, new Date(server.clock.now().getTime() + op.hoursAhead * 3_600_000));
			return true;
		case "event": {
			// The rows the sign-in and lockout paths write, dated in the past as they would have been then.
			const user = await pickUser(op.user);
			if (!user) return false;
			const [action, outcome] = (
				[
					["auth.sign_in", "success"],
					["auth.sign_in", "failure"],
					["auth.locked", "success"],
				] as const
			)[op.what] ?? ["auth.locked", "success"];
			await insertAuditEvent(server.db, {
				tenantId,
				occurredAt: new Date(server.clock.now().getTime() - op.minutesAgo * 60_000),
				actorUserId: null,
				targetUserId: user.id,
				action,
				outcome,
				ip: null,
				userAgent: null,
			});
			return true;
		}
	}
}

/** Every counter, summed over slots, next to the same figure counted from the rows. */
async function countersAndRecount() {
	const nil = "00000000-0000-0000-0000-000000000000";
	const pairs = async (counters: string, recount: string) => {
		const [a, b] = await Promise.all([
			sql.raw<{ k: string }>(counters).execute(server.db),
			sql.raw<{ k: string }>(recount).execute(server.db),
		]);
		return { counters: a.rows.map((r) => r.k).sort(), recount: b.rows.map((r) => r.k).sort() };
	};
	const acc = `coalesce(u.primary_account_id, '${nil}')`;
	return {
		users: await pairs(
			`select concat_ws('|', tenant_id, account_id, state, user_type, two_factor_type, sum(users)) as k
			from dashboard_user_counts group by tenant_id, account_id, state, user_type, two_factor_type having sum(users) <> 0`,
			`select concat_ws('|', u.tenant_id, ${acc}, state, user_type, coalesce(two_factor_type, ''), count(*)) as k
			from users u group by u.tenant_id, ${acc}, state, user_type, coalesce(two_factor_type, '')`,
		),
		signups: await pairs(
			`select concat_ws('|', tenant_id, account_id, bucket, sum(users)) as k
			from dashboard_signups group by tenant_id, account_id, bucket having sum(users) <> 0`,
			`select concat_ws('|', u.tenant_id, ${acc}, date_bin('15 minutes', created_at, timestamptz '1970-01-01 00:00:00+00'), count(*)) as k
			from users u group by u.tenant_id, ${acc}, date_bin('15 minutes', created_at, timestamptz '1970-01-01 00:00:00+00')`,
		),
		holders: await pairs(
			`select concat_ws('|', tenant_id, account_id, role_id, sum(users)) as k
			from dashboard_role_holders group by tenant_id, account_id, role_id having sum(users) <> 0`,
			`select concat_ws('|', u.tenant_id, ${acc}, ra.role_id, count(distinct ra.user_id)) as k
			from role_assignments ra join users u on u.id = ra.user_id where u.state <> 'deleted'
			group by u.tenant_id, ${acc}, ra.role_id`,
		),
		passkeys: await pairs(
			`select concat_ws('|', tenant_id, account_id, sum(passkeys), sum(holders)) as k
			from dashboard_passkeys group by tenant_id, account_id having sum(passkeys) <> 0 or sum(holders) <> 0`,
			`select concat_ws('|', u.tenant_id, ${acc}, count(*), count(distinct p.user_id)) as k
			from passkeys p join users u on u.id = p.user_id group by u.tenant_id, ${acc}`,
		),
		invitations: await pairs(
			`select concat_ws('|', tenant_id, account_id, expires_bucket, sum(invitations)) as k
			from dashboard_invitations group by tenant_id, account_id, expires_bucket having sum(invitations) <> 0`,
			`select concat_ws('|', u.tenant_id, ${acc}, date_bin('15 minutes', i.expires_at, timestamptz '1970-01-01 00:00:00+00'), count(*)) as k
			from invitations i join users u on u.id = i.user_id where i.accepted_at is null and i.revoked_at is null
			group by u.tenant_id, ${acc}, date_bin('15 minutes', i.expires_at, timestamptz '1970-01-01 00:00:00+00')`,
		),
		holdings: await pairs(
			"select concat_ws('|', user_id, role_id, assignments) as k from dashboard_role_holdings",
			"select concat_ws('|', user_id, role_id, count(*)) as k from role_assignments group by user_id, role_id",
		),
		passkeyHoldings: await pairs(
			"select concat_ws('|', user_id, passkeys) as k from dashboard_passkey_holdings",
			"select concat_ws('|', user_id, count(*)) as k from passkeys group by user_id",
		),
		activity: await pairs(
			`select concat_ws('|', tenant_id, account_id, bucket, sum(sign_ins), sum(failures), sum(lockouts)) as k
			from dashboard_activity group by tenant_id, account_id, bucket
			having sum(sign_ins) <> 0 or sum(failures) <> 0 or sum(lockouts) <> 0`,
			`select concat_ws('|', e.tenant_id, ${acc}, date_bin('15 minutes', e.occurred_at, timestamptz '1970-01-01 00:00:00+00'),
				count(*) filter (where e.action = 'auth.sign_in' and e.outcome = 'success'),
				count(*) filter (where e.action = 'auth.sign_in' and e.outcome = 'failure'),
				count(*) filter (where e.action = 'auth.locked')) as k
			from audit_events e left join users u on u.id = e.target_user_id and u.tenant_id = e.tenant_id
			where e.action in ('auth.sign_in', 'auth.locked')
			group by e.tenant_id, ${acc}, date_bin('15 minutes', e.occurred_at, timestamptz '1970-01-01 00:00:00+00')`,
		),
		activeChanges: await pairs(
			`select concat_ws('|', tenant_id, account_id, user_type, two_factor_type, sum(users)) as k
			from dashboard_active_changes group by tenant_id, account_id, user_type, two_factor_type having sum(users) <> 0`,
			`select concat_ws('|', u.tenant_id, ${acc}, user_type, coalesce(two_factor_type, ''), count(*)) as k
			from users u where state = 'active' group by u.tenant_id, ${acc}, user_type, coalesce(two_factor_type, '')`,
		),
	};
}

/** What the dashboard said before the counters: one scan of the users in `accountIds` (or the tenant). */
async function scanned(accountIds: string[] | null, timeZone: string) {
	const scope = accountIds
		? sql`u.tenant_id = ${tenantId} and u.primary_account_id in (${sql.join(accountIds)})`
		: sql`u.tenant_id = ${tenantId}`;
	// The service reads the server's (test) clock; so does this scan.
	const now = server.clock.now();
	const counts = await sql<Record<string, number>>`
		select count(*)::int as total, count(*) filter (where state = 'create')::int as create,
			count(*) filter (where state = 'active')::int as active, count(*) filter (where state = 'inactive')::int as inactive,
			count(*) filter (where state = 'deleting')::int as deleting, count(*) filter (where state = 'deleted')::int as deleted,
			count(*) filter (where user_type = 'application')::int as applications,
			count(*) filter (where state = 'active' and user_type = 'human' and two_factor_enabled)::int as mfa,
			count(*) filter (where state = 'active' and user_type = 'human')::int as people,
			count(*) filter (where state = 'active' and two_factor_type = 'totp')::int as totp,
			count(*) filter (where state = 'active' and two_factor_type = 'sms')::int as sms,
			count(*) filter (where state = 'active' and two_factor_type = 'email')::int as email,
			count(*) filter (where state = 'active' and two_factor_type = 'passkey')::int as passkey,
			count(*) filter (where created_at >= (date_trunc('day', ${now}::timestamptz at time zone ${timeZone}) - interval '6 days') at time zone ${timeZone})::int as week
		from users u where ${scope}`.execute(server.db);
	const perDay = await sql<{ day: string; count: number }>`
		select to_char(created_at at time zone ${timeZone}, 'YYYY-MM-DD') as day, count(*)::int as count from users u
		where ${scope} and created_at >= (date_trunc('day', ${now}::timestamptz at time zone ${timeZone}) - interval '29 days') at time zone ${timeZone}
		group by 1 order by 1`.execute(server.db);
	const pending = await sql<{ n: number }>`
		select count(*)::int as n from invitations i join users u on u.id = i.user_id
		where ${scope} and i.accepted_at is null and i.revoked_at is null and i.expires_at > ${now}`.execute(server.db);
	const roleRows = await sql<{ key: string; n: number }>`
		select r.key, count(distinct ra.user_id)::int as n from roles r left join role_assignments ra on ra.role_id = r.id
			and ra.user_id in (select u.id from users u where ${scope} and u.state <> 'deleted')
		where r.tenant_id = ${tenantId} group by r.key`.execute(server.db);
	// Events count for the user they are about, in the account that user is in now; a removed user's stay the tenant's.
	const activity = await sql<{ day: string; signIns: number; failures: number; lockouts: number }>`
		select to_char(e.occurred_at at time zone ${timeZone}, 'YYYY-MM-DD') as day,
			count(*) filter (where e.action = 'auth.sign_in' and e.outcome = 'success')::int as "signIns",
			count(*) filter (where e.action = 'auth.sign_in' and e.outcome = 'failure')::int as failures,
			count(*) filter (where e.action = 'auth.locked')::int as lockouts
		from audit_events e left join users u on u.id = e.target_user_id and u.tenant_id = e.tenant_id
		where e.tenant_id = ${tenantId} and e.action in ('auth.sign_in', 'auth.locked')
			and ${accountIds ? sql`u.primary_account_id in (${sql.join(accountIds)})` : sql`true`}
			and e.occurred_at >= (date_trunc('day', ${now}::timestamptz at time zone ${timeZone}) - interval '29 days') at time zone ${timeZone}
			and e.occurred_at < (date_trunc('day', ${now}::timestamptz at time zone ${timeZone}) + interval '1 day') at time zone ${timeZone}
		group by 1 order by 1`.execute(server.db);
	const c = counts.rows[0] ?? {};
	return {
		users: {
			total: c.total,
			byState: { create: c.create, active: c.active, inactive: c.inactive, deleting: c.deleting, deleted: c.deleted },
			applications: c.applications,
		},
		mfaEnabled: c.mfa,
		mfaToday: {
			adoption: c.people ? (c.mfa ?? 0) / c.people : 0,
			enabled: c.mfa,
			people: c.people,
			methods: { totp: c.totp, sms: c.sms, email: c.email, passkey: c.passkey },
		},
		activity: activity.rows,
		last7Days: c.week,
		perDay: perDay.rows,
		pendingInvitations: pending.rows[0]?.n,
		roles: Object.fromEntries(roleRows.rows.map((r) => [r.key, r.n])),
	};
}

async function expectExact() {
	const all = await countersAndRecount();
	for (const [what, pair] of Object.entries(all)) expect(pair.counters, what).toEqual(pair.recount);
	for (const [client, accountIds, zone] of [
		[admin, null, "UTC"],
		[accountAdmin, accounts.slice(0, 2), "Asia/Kathmandu"],
	] as const) {
		const [dashboard, scan] = await Promise.all([client.dashboard.get.query(), scanned(accountIds, zone)]);
		expect(dashboard.recentSignups.timeZone).toBe(zone);
		// Every one of the 30 days is listed, today last; the scan lists only days with events.
		expect(dashboard.activity.perDay).toHaveLength(30);
		expect(dashboard.mfa.perDay.length).toBeGreaterThan(0);
		const { day: today, ...mfaToday } = dashboard.mfa.perDay.at(-1) ?? { day: "" };
		expect(dashboard.recentSignups.last30Days).toBe(scan.perDay.reduce((sum, d) => sum + d.count, 0));
		expect(today).toBe(dashboard.activity.perDay.at(-1)?.day);
		expect({
			users: dashboard.users,
			mfaEnabled: dashboard.mfa.enabled,
			mfaToday,
			activity: dashboard.activity.perDay.filter((d) => d.signIns + d.failures + d.lockouts > 0),
			last7Days: dashboard.recentSignups.last7Days,
			perDay: dashboard.recentSignups.perDay,
			pendingInvitations: dashboard.pendingInvitations,
			roles: Object.fromEntries(dashboard.roles.map((r) => [r.roleKey, r.users])),
		}).toEqual(scan);
	}
}

describe("dashboard counters", () => {
	it("are kept by triggers through the migration's backfill and a fresh database alike", async () => {
		await expectExact();
	});

	it("equal a full recount after any mix of changes, concurrent ones included", async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 12 }), async (steps) => {
				for (const ops of steps) {
					// A refused change (a wrong state transition, a stale version) must leave the counters as exact as an accepted one.
					await Promise.all(
						ops.map((op) =>
							apply(op).then(
								(done) => {
									if (done) applied.set(op.kind, (applied.get(op.kind) ?? 0) + 1);
								},
								(error: unknown) => {
									refused.set(op.kind, `${refused.get(op.kind) ?? ""} ${String(error)}`.slice(0, 400));
								},
							),
						),
					);
				}
				await expectExact();
			}),
			// A fixed seed by default: with a random one, a kind whose target is often missing (an
			// "expire" drawn while no invitation existed) went unapplied in about one CI run in three,
			// failing the check below. DASHBOARD_SEED explores other sequences.
			{ numRuns: Number(process.env.DASHBOARD_RUNS ?? 12), seed: Number(process.env.DASHBOARD_SEED ?? 20261202) },
		);
		// Every kind of change really happened (not only refused ones), or the property proves little.
		const kinds = [
			"seed",
			"bulk",
			"state",
			"purge",
			"mfa",
			"resetMfa",
			"assign",
			"unassign",
			"move",
			"passkey",
			"unpasskey",
			"invite",
			"revoke",
			"expire",
			"remove",
			"signIn",
			"event",
			"fold",
		] as const;
		expect(
			kinds.filter((kind) => !applied.get(kind)),
			JSON.stringify(Object.fromEntries(refused)),
		).toEqual([]);
	});

	it("keep one row per key of a past quarter-hour once housekeeping folded its slots, and every figure", async () => {
		const slotted = async () =>
			Number(
				(
					await sql<{ n: number }>`
						select (select count(*) from dashboard_signups where slot <> 0)
							+ (select count(*) from dashboard_activity where slot <> 0)
							+ (select count(*) from dashboard_active_changes where slot <> 0) as n`.execute(server.db)
				).rows[0]?.n,
			);
		// The mix above wrote into several slots; a fold past them all leaves slot 0 alone.
		expect(await slotted()).toBeGreaterThan(0);
		const removed = await foldSettledDashboardCounters({
			db: server.db,
			clock: { now: () => new Date(server.clock.now().getTime() + 2 * 3_600_000) },
		});
		expect(removed).toBeGreaterThan(0);
		expect(await slotted()).toBe(0);
		await expectExact();
	});

	it("stay exact when changes to one user race each other", async () => {
		let mostAssignments = 0;
		for (let round = 0; round < 6; round++) {
			const user = await server.seedUser({
				tenantSlug: "counted",
				email: `race${round}@counted.example`,
				primaryAccountId: accounts[0],
			});
			const { version } = await server.db
				.selectFrom("users")
				.select("version")
				.where("id", "=", user.id)
				.executeTakeFirstOrThrow();
			const roleId = roles[0] ?? "";
			const passkey = (n: number) =>
				server.db
					.insertInto("passkeys")
					.values({
						tenant_id: tenantId,
						user_id: user.id,
						credential_id: `race-${round}-${n}`,
						public_key: "pk",
						aaguid: "00000000-0000-0000-0000-000000000000",
						name: `Race ${n}`,
						device_type: "multiDevice",
						backed_up: true,
						created_at: new Date(),
					})
					.execute();
			const assignDirectly = (accountId: string) =>
				server.db
					.insertInto("role_assignments")
					.values({
						tenant_id: tenantId,
						user_id: user.id,
						role_id: roleId,
						context_type: "account",
						context_id: accountId,
					})
					.execute();
			// The first assignment of a role and the first passkey, each twice at once, against a move
			// to another account: each decides on what the others have not committed yet.
			await Promise.all(
				[
					admin.roles.assign.mutate({ userId: user.id, roleId, context: { type: "tenant" } }),
					// Rows the assignment service writes, in contexts it would refuse for this role: the race is the point.
					assignDirectly(accounts[0] ?? ""),
					assignDirectly(accounts[2] ?? ""),
					passkey(1),
					passkey(2),
					admin.users.update.mutate({ userId: user.id, version, primaryAccountId: accounts[round % 2 === 0 ? 2 : 1] }),
					admin.invitations.create.mutate({
						email: `race-invite${round}@counted.example`,
						primaryAccountId: accounts[0],
					}),
					// Events about the user, counted in whichever account the move leaves them in.
					...(["auth.sign_in", "auth.locked"] as const).map((action) =>
						insertAuditEvent(server.db, {
							tenantId,
							occurredAt: server.clock.now(),
							actorUserId: null,
							targetUserId: user.id,
							action,
							outcome: action === "auth.locked" ? "success" : "failure",
							ip: null,
							userAgent: null,
						}),
					),
				].map((change) => change.catch(() => undefined)),
			);
			const held = await server.db
				.selectFrom("role_assignments")
				.select((eb) => eb.fn.countAll<number>().as("n"))
				.where("user_id", "=", user.id)
				.executeTakeFirstOrThrow();
			mostAssignments = Math.max(mostAssignments, Number(held.n));
			await expectExact();
		}
		expect(mostAssignments).toBeGreaterThanOrEqual(2);
	});

	it("stay exact when a tenant and a role are deleted", async () => {
		const other = await server.createTenant("gone");
		const user = await server.seedUser({ tenantSlug: "gone", roles: [{ key: "member" }] });
		await insertBulkUsers(server.db, other, 5);
		await server.db.deleteFrom("roles").where("tenant_id", "=", other).where("key", "=", "member").execute();
		expect(
			(await server.db.selectFrom("dashboard_role_holdings").selectAll().where("user_id", "=", user.id).execute())
				.length,
		).toBe(0);
		await server.db.deleteFrom("tenants").where("id", "=", other).execute();
		for (const table of [
			"dashboard_user_counts",
			"dashboard_signups",
			"dashboard_role_holders",
			"dashboard_activity",
			"dashboard_active_changes",
		] as const) {
			const left = await server.db.selectFrom(table).select("tenant_id").where("tenant_id", "=", other).execute();
			expect(left, table).toEqual([]);
		}
		await expectExact();
	});
});
