import { randomBytes } from "node:crypto";
import { purgeDueUsers } from "@tessera/core/jobs/purge.service";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../src/testing";
import { expectError, roleIdOf, signedIn, TENANT_ADMIN } from "./helpers";

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const DAY_MS = 86_400_000;
const PASSWORD = "Quartz-lantern-97-meadow-orbit";

/** Every table that holds rows of a user; after the purge none may have one left. */
const DEPENDENT_TABLES = [
	"password_credentials",
	"password_history",
	"sessions",
	"login_flows",
	"totp_credentials",
	"recovery_codes",
	"passkeys",
	"webauthn_challenges",
	"one_time_codes",
	"verification_tokens",
	"role_assignments",
	"api_keys",
	"invitations",
	"outbox",
] as const;

const hex = (bytes = 6) => randomBytes(bytes).toString("hex");

async function dependentCounts(userId: string): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of DEPENDENT_TABLES) {
		const result = await sql<{
			count: string | number;
		}>`select count(*) as count from ${sql.table(table)} where user_id = ${userId}`.execute(server.db);
		counts[table] = Number(result.rows[0]?.count ?? 0);
	}
	return counts;
}

const userRow = (id: string) =>
	server.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

const auditRowsOf = (userId: string) =>
	server.db
		.selectFrom("audit_events")
		.select(["id", "action", "actor_user_id", "target_user_id", "details"])
		.where((eb) => eb.or([eb("target_user_id", "=", userId), eb("actor_user_id", "=", userId)]))
		.orderBy("id")
		.execute();

interface Target {
	id: string;
	tenantId: string;
	email: string;
	phone: string;
	username: string;
	newEmail: string;
	/** The address of someone the target invited: their data, which the target's purge must keep. */
	invitedByTarget: string;
}

/**
 * A user with something in every table: invited (invitation, role), accepted (password, audit
 * rows carrying the address), signed in (session), who invited someone else, with a phone,
 * passkey, TOTP, recovery code, codes, tokens, an API key, and a free-text audit row.
 */
async function richUser(admin: Awaited<ReturnType<typeof signedIn>>): Promise<Target> {
	const tenantId = admin.user.tenantId;
	const email = `ada-${hex()}@example.com`;
	const invitation = await admin.client.invitations.create.mutate({
		email,
		firstName: "Ada",
		lastName: "Lovelace",
		role: { roleId: await roleIdOf(server, tenantId, "user_manager"), contextType: "tenant", contextId: tenantId },
	});
	const message = await server.lastMessage(email);
	const token = message?.body.match(/#token=([A-Za-z0-9_-]{43})/)?.[1];
	if (!token) throw new Error("no invitation link");
	const target = server.client();
	await target.invitations.accept.mutate({ token, password: PASSWORD });
	await target.auth.signIn.mutate({ tenant: "acme", email, password: PASSWORD });
	const invitedByTarget = `keep-${hex()}@example.com`;
	await target.invitations.create.mutate({ email: invitedByTarget, firstName: "Keep" });

	const id = invitation.userId;
	const now = server.clock.now();
	const later = new Date(now.getTime() + DAY_MS);
	const phone = `+3161${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
	const username = `ada-${hex(3)}`;
	const newEmail = `ada-next-${hex()}@example.com`;
	await server.db
		.updateTable("users")
		.set({ phone, phone_verified: true, username, time_zone: "Europe/Amsterdam", language: "nl" })
		.where("id", "=", id)
		.execute();
	const rows = { tenant_id: tenantId, user_id: id };
	await server.db
		.insertInto("password_history")
		.values({ ...rows, password_hash: "$argon2id$old", created_at: now })
		.execute();
	await server.db
		.insertInto("login_flows")
		.values({ ...rows, token_hash: hex(32), stage: "mfa", created_at: now, expires_at: later })
		.execute();
	await server.db
		.insertInto("totp_credentials")
		.values({ ...rows, secret_ciphertext: "v1.x.y.z", confirmed_at: now, created_at: now })
		.execute();
	await server.db
		.insertInto("recovery_codes")
		.values({ ...rows, code_hash: hex(16), created_at: now })
		.execute();
	await server.db
		.insertInto("passkeys")
		.values({
			...rows,
			credential_id: hex(16),
			public_key: "pk",
			aaguid: "00000000-0000-0000-0000-000000000000",
			name: "Ada's phone",
			device_type: "multiDevice",
			backed_up: true,
			created_at: now,
		})
		.execute();
	await server.db
		.insertInto("webauthn_challenges")
		.values({ ...rows, challenge: hex(32), ceremony: "registration", created_at: now, expires_at: later })
		.execute();
	await server.db
		.insertInto("one_time_codes")
		.values({
			...rows,
			purpose: "verify_phone",
			channel: "sms",
			destination: phone,
			code_hash: hex(16),
			created_at: now,
			expires_at: later,
		})
		.execute();
	await server.db
		.insertInto("verification_tokens")
		.values({
			...rows,
			purpose: "change_email",
			token_hash: hex(32),
			new_value: newEmail,
			created_at: now,
			expires_at: later,
		})
		.execute();
	await server.db
		.insertInto("api_keys")
		.values({ ...rows, name: "Ada's script", prefix: `tsk_${hex(4)}`, key_hash: hex(32), created_at: now })
		.execute();
	await server.db
		.insertInto("outbox")
		.values({
			tenant_id: tenantId,
			user_id: null,
			channel: "sms",
			recipient: phone,
			template: "verify_phone_code",
			subject: null,
			body: "Your code is 123456",
			next_attempt_at: now,
			created_at: now,
		})
		.execute();
	// Free text an older feature might have written: the purge must find the values inside it.
	await server.db
		.insertInto("audit_events")
		.values({
			tenant_id: tenantId,
			occurred_at: now,
			actor_user_id: admin.user.id,
			target_user_id: id,
			action: "user.note",
			outcome: "success",
			ip: "127.0.0.1",
			user_agent: null,
			details: JSON.stringify({
				note: `Called Ada Lovelace at ${phone} about ${email.toUpperCase()}`,
				changes: { email: { from: email, to: newEmail }, first_name: { from: "Ada", to: "Ada" } },
				sessionCount: 1,
				accountId: tenantId,
			}),
		})
		.execute();
	return { id, tenantId, email, phone, username, newEmail, invitedByTarget };
}

async function deleteUser(admin: Awaited<ReturnType<typeof signedIn>>, userId: string) {
	const user = await admin.client.users.get.query({ userId });
	return admin.client.users.changeState.mutate({ userId, version: user.version, to: "deleting" });
}

/** The person's values as whole words (an id may contain "ada" by chance; that is not a name). */
function personalValuePatterns(target: Target): RegExp[] {
	return [target.email, target.phone, target.username, target.newEmail, "Lovelace", "Ada"].map(
		(value) => new RegExp(`(?<![\\p{L}\\p{N}])${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "iu"),
	);
}

describe("purge job", () => {
	it("removes nothing before the planned date, then leaves a tombstone with no personal data", async () => {
		const admin = await signedIn(server, TENANT_ADMIN);
		const target = await richUser(admin);
		const deleting = await deleteUser(admin, target.id);
		expect(deleting.plannedPurgeAt?.getTime()).toBe(server.clock.now().getTime() + 30 * DAY_MS);
		const before = await userRow(target.id);
		const dependentsBefore = await dependentCounts(target.id);
		for (const table of DEPENDENT_TABLES) {
			if (table !== "sessions") expect(dependentsBefore[table], table).toBeGreaterThan(0);
		}
		const auditBefore = await auditRowsOf(target.id);

		// One minute before the date: nothing at all happens (L05).
		server.clock.advance(30 * DAY_MS - 60_000);
		await purgeDueUsers({ db: server.db, clock: server.clock });
		expect(await userRow(target.id)).toEqual(before);
		expect(await dependentCounts(target.id)).toEqual(dependentsBefore);
		expect(await auditRowsOf(target.id)).toEqual(auditBefore);

		server.clock.advance(60_000);
		const run = await purgeDueUsers({ db: server.db, clock: server.clock });
		expect(run.failed).toEqual([]);
		expect(run.purged).toBeGreaterThanOrEqual(1);

		const tombstone = await userRow(target.id);
		expect(tombstone).toMatchObject({
			id: target.id,
			tenant_id: target.tenantId,
			state: "deleted",
			email: null,
			email_verified: false,
			phone: null,
			phone_verified: false,
			first_name: null,
			last_name: null,
			username: null,
			language: null,
			time_zone: null,
			two_factor_enabled: false,
			two_factor_type: null,
			password_changed_at: null,
			last_sign_in_at: null,
			planned_purge_at: before.planned_purge_at,
			created_at: before.created_at,
			version: before.version + 1,
		});
		const everyTable = await dependentCounts(target.id);
		expect(
			Object.values(everyTable).every((count) => count === 0),
			JSON.stringify(everyTable),
		).toBe(true);
		const leftover = await server.db
			.selectFrom("outbox")
			.select("id")
			.where("recipient", "in", [target.email, target.phone])
			.execute();
		expect(leftover).toEqual([]);

		// Audit rows are kept, with ids, and without the person's data; one more row says so.
		const auditAfter = await auditRowsOf(target.id);
		expect(auditAfter.map((row) => row.id).slice(0, auditBefore.length)).toEqual(auditBefore.map((row) => row.id));
		expect(auditAfter.map((row) => row.action)).toEqual([...auditBefore.map((row) => row.action), "user.purged"]);
		const text = JSON.stringify(auditAfter);
		for (const pattern of personalValuePatterns(target)) expect(text).not.toMatch(pattern);
		const note = auditAfter.find((row) => row.action === "user.note");
		expect(note?.details).toEqual({
			note: "Called [purged] [purged] at [purged] about [purged]",
			changes: { email: { from: "[purged]", to: "[purged]" }, first_name: { from: "[purged]", to: "[purged]" } },
			sessionCount: 1,
			accountId: target.tenantId,
		});
		// Rows where the purged user acted on someone else keep that person's data.
		const invitedOther = auditAfter.find(
			(row) => row.action === "invitation.created" && row.actor_user_id === target.id,
		);
		expect(invitedOther?.details).toMatchObject({ email: target.invitedByTarget });
		const purgedRow = auditAfter.at(-1);
		expect(purgedRow).toMatchObject({ action: "user.purged", actor_user_id: null, target_user_id: target.id });
		// The person they invited is untouched.
		expect(
			await server.db
				.selectFrom("users")
				.select("state")
				.where("email", "=", target.invitedByTarget)
				.executeTakeFirst(),
		).toEqual({ state: "create" });

		// Running again changes nothing.
		const snapshot = { user: await userRow(target.id), audit: await auditRowsOf(target.id) };
		const again = await purgeDueUsers({ db: server.db, clock: server.clock });
		expect(again).toEqual({ purged: 0, failed: [] });
		expect({ user: await userRow(target.id), audit: await auditRowsOf(target.id) }).toEqual(snapshot);

		// Past the purge, the audit log takes no other change, not even one that rewrites a column as it was.
		await expect(
			sql`update audit_events set action = action where id = ${purgedRow?.id ?? 0}`.execute(server.db),
		).rejects.toThrow(/append-only/);
	});

	it("is all or nothing per user: a purge that fails midway leaves that user whole, and a rerun finishes", async () => {
		const admin = await signedIn(server, TENANT_ADMIN);
		const broken = await richUser(admin);
		const fine = await richUser(admin);
		await deleteUser(admin, broken.id);
		await deleteUser(admin, fine.id);
		const before = {
			user: await userRow(broken.id),
			deps: await dependentCounts(broken.id),
			audit: await auditRowsOf(broken.id),
		};

		// A fault after every delete and audit rewrite: the final audit insert of one user fails.
		await sql
			.raw(`
				create function test_fail_purge() returns trigger language plpgsql as $$
				begin
					if new.action = 'user.purged' and new.target_user_id = '${broken.id}' then
						raise exception 'injected fault';
					end if;
					return new;
				end $$`)
			.execute(server.db);
		await sql
			.raw(
				"create trigger test_fail_purge before insert on audit_events for each row execute function test_fail_purge()",
			)
			.execute(server.db);
		server.clock.advance(30 * DAY_MS + 1);
		try {
			const run = await purgeDueUsers({ db: server.db, clock: server.clock });
			expect(run.failed.map((failure) => failure.userId)).toEqual([broken.id]);
			expect((await userRow(fine.id)).state).toBe("deleted");
			expect(await userRow(broken.id)).toEqual(before.user);
			expect(await dependentCounts(broken.id)).toEqual(before.deps);
			expect(await auditRowsOf(broken.id)).toEqual(before.audit);
		} finally {
			await sql.raw("drop trigger test_fail_purge on audit_events").execute(server.db);
			await sql.raw("drop function test_fail_purge()").execute(server.db);
		}

		const rerun = await purgeDueUsers({ db: server.db, clock: server.clock });
		expect(rerun).toEqual({ purged: 1, failed: [] });
		expect((await userRow(broken.id)).state).toBe("deleted");
		expect(Object.values(await dependentCounts(broken.id)).every((count) => count === 0)).toBe(true);
		// No half-purged user anywhere: deleted means scrubbed, scrubbed means deleted.
		const halfPurged = await server.db
			.selectFrom("users")
			.select("id")
			.where((eb) =>
				eb.or([
					eb.and([eb("state", "=", "deleted"), eb.or([eb("email", "is not", null), eb("first_name", "is not", null)])]),
					eb.and([eb("state", "=", "deleting"), eb("email", "is", null)]),
				]),
			)
			.execute();
		expect(halfPurged).toEqual([]);
	});
});

describe("purge job, run by several processes at once", () => {
	it("purges each due user exactly once", async () => {
		const admin = await signedIn(server, TENANT_ADMIN);
		const targets = [];
		for (let index = 0; index < 6; index++) {
			const target = await server.seedUser();
			await deleteUser(admin, target.id);
			targets.push(target.id);
		}
		server.clock.advance(30 * DAY_MS + 1);
		const runs = await Promise.all(
			Array.from({ length: 3 }, () => purgeDueUsers({ db: server.db, clock: server.clock })),
		);
		expect(runs.flatMap((run) => run.failed)).toEqual([]);
		expect(runs.reduce((sum, run) => sum + run.purged, 0)).toBe(targets.length);
		const purgedRows = await server.db
			.selectFrom("audit_events")
			.select("target_user_id")
			.where("action", "=", "user.purged")
			.where("target_user_id", "in", targets)
			.execute();
		expect(purgedRows.map((row) => row.target_user_id).sort()).toEqual([...targets].sort());
	});
});

describe("users.restore", () => {
	it("brings a deleting user back as inactive, so the purge passes them by", async () => {
		const admin = await signedIn(server, TENANT_ADMIN);
		const target = await server.seedUser();
		const deleting = await deleteUser(admin, target.id);
		const restored = await admin.client.users.restore.mutate({
			userId: target.id,
			version: deleting.version,
		});
		expect(restored).toMatchObject({ state: "inactive", plannedPurgeAt: null, version: deleting.version + 1 });
		const audit = await server.db
			.selectFrom("audit_events")
			.select(["action", "actor_user_id", "details"])
			.where("target_user_id", "=", target.id)
			.where("action", "=", "user.restored")
			.execute();
		expect(audit).toEqual([
			{
				action: "user.restored",
				actor_user_id: admin.user.id,
				details: {
					changes: {
						state: { from: "deleting", to: "inactive" },
						planned_purge_at: { from: deleting.plannedPurgeAt?.toISOString(), to: null },
					},
				},
			},
		]);
		server.clock.advance(31 * DAY_MS);
		await purgeDueUsers({ db: server.db, clock: server.clock });
		expect(await userRow(target.id)).toMatchObject({ state: "inactive", email: target.email });
		// Inactive: still cannot sign in until an administrator reactivates.
		await expectError(
			server.client().auth.signIn.mutate({ tenant: "acme", email: target.email, password: target.password }),
			"UNAUTHORIZED",
		);
	});

	it("refuses users that are not pending deletion, stale versions, and callers without users.delete", async () => {
		const admin = await signedIn(server, TENANT_ADMIN);
		const purged = await server.seedUser();
		const deleting = await deleteUser(admin, purged.id);
		server.clock.advance(30 * DAY_MS + 1);
		await purgeDueUsers({ db: server.db, clock: server.clock });
		const fresh = await signedIn(server, TENANT_ADMIN);
		const deleted = await userRow(purged.id);
		expect(deleted.state).toBe("deleted");
		await expectError(
			fresh.client.users.restore.mutate({ userId: purged.id, version: deleted.version }),
			"CONFLICT",
			"USER.NOT_DELETING",
		);
		expect(await userRow(purged.id)).toEqual(deleted);
		expect(deleting.version).toBeLessThan(deleted.version);

		const active = await server.seedUser();
		const activeRow = await userRow(active.id);
		await expectError(
			fresh.client.users.restore.mutate({ userId: active.id, version: activeRow.version }),
			"CONFLICT",
			"USER.NOT_DELETING",
		);

		const target = await server.seedUser();
		const pending = await deleteUser(fresh, target.id);
		await expectError(
			fresh.client.users.restore.mutate({ userId: target.id, version: pending.version - 1 }),
			"CONFLICT",
			"USER.VERSION_CONFLICT",
		);
		const manager = await signedIn(server, { roles: [{ key: "user_manager" }] });
		await expectError(
			manager.client.users.restore.mutate({ userId: target.id, version: pending.version }),
			"FORBIDDEN",
		);
		const member = await signedIn(server, { roles: [{ key: "member" }] });
		await expectError(member.client.users.restore.mutate({ userId: target.id, version: pending.version }), "FORBIDDEN");
		const otherTenant = await signedIn(server, { tenantSlug: `other-${hex(3)}`, roles: [{ key: "tenant_admin" }] });
		await expectError(
			otherTenant.client.users.restore.mutate({ userId: target.id, version: pending.version }),
			"NOT_FOUND",
			"USER.NOT_FOUND",
		);
		expect(await userRow(target.id)).toMatchObject({ state: "deleting", version: pending.version });
	});
});
