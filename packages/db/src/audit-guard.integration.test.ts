import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditGuardOf, currentRoleOf, grantApplicationAccess } from "./application-role";
import { connect, type Database } from "./client";
import type { DB } from "./schema";
import { createTestDatabase, type TestDatabase } from "./testing";

/** A tenant, a user in `state`, and one audit row the user is the target of. */
async function auditedUser(db: Kysely<DB>, state: "active" | "deleted") {
	const tenant = await db
		.insertInto("tenants")
		.values({ slug: `audit-${randomBytes(4).toString("hex")}`, name: "Audit" })
		.returning("id")
		.executeTakeFirstOrThrow();
	const user = await db
		.insertInto("users")
		.values({
			tenant_id: tenant.id,
			state,
			email: state === "active" ? "ada@example.com" : null,
			planned_purge_at: state === "deleted" ? new Date("2026-01-02T00:00:00Z") : null,
		})
		.returning("id")
		.executeTakeFirstOrThrow();
	const row = await db
		.insertInto("audit_events")
		.values({
			tenant_id: tenant.id,
			occurred_at: new Date("2026-01-01T00:00:00Z"),
			action: "user.updated",
			outcome: "success",
			actor_user_id: null,
			target_user_id: user.id,
			ip: "192.0.2.1",
			user_agent: null,
			details: JSON.stringify({ name: "Ada Lovelace", note: "Called Ada at 5", tries: 3, tags: ["Ada", "vip"] }),
		})
		.returning("id")
		.executeTakeFirstOrThrow();
	return { tenantId: tenant.id, userId: user.id, rowId: row.id };
}

const PSEUDONYMISED = { name: "[purged]", note: "Called [purged] at 5", tries: 3, tags: ["[purged]", "vip"] };

function setDetails(db: Kysely<DB>, id: number, details: unknown) {
	return db
		.updateTable("audit_events")
		.set({ details: JSON.stringify(details) })
		.where("id", "=", id)
		.execute();
}

describe("the audit log's append-only trigger", () => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		await database?.destroy();
	});

	it("lets the purge cut a purged user's details to [purged], and nothing else", async () => {
		const { db } = database;
		const { rowId } = await auditedUser(db, "deleted");
		const refusals: [string, unknown][] = [
			["a changed word", { ...PSEUDONYMISED, note: "Called [purged] at 6" }],
			["an added key", { ...PSEUDONYMISED, extra: "x" }],
			["a removed key", { name: "[purged]", note: "Called [purged] at 5", tries: 3 }],
			["a changed number", { ...PSEUDONYMISED, tries: 4 }],
			["a shorter array", { ...PSEUDONYMISED, tags: ["[purged]"] }],
			["new text", { ...PSEUDONYMISED, name: "Grace Hopper" }],
			["a marker that cut nothing", { ...PSEUDONYMISED, tags: ["Ada[purged]", "vip"] }],
		];
		for (const [what, details] of refusals) {
			await expect(setDetails(db, rowId, details), what).rejects.toThrow(/append-only/);
		}
		await setDetails(db, rowId, PSEUDONYMISED);
		const row = await db.selectFrom("audit_events").select("details").where("id", "=", rowId).executeTakeFirstOrThrow();
		expect(row.details).toEqual(PSEUDONYMISED);
	});

	it("refuses every other change: a live user's row, other columns, deletes, truncation, the old switch", async () => {
		const { db } = database;
		const live = await auditedUser(db, "active");
		await expect(setDetails(db, live.rowId, PSEUDONYMISED)).rejects.toThrow(/append-only/);
		const purged = await auditedUser(db, "deleted");
		await expect(
			db.updateTable("audit_events").set({ action: "user.viewed" }).where("id", "=", purged.rowId).execute(),
		).rejects.toThrow(/append-only/);
		await expect(
			db.updateTable("audit_events").set({ ip: null }).where("id", "=", purged.rowId).execute(),
		).rejects.toThrow(/append-only/);
		await expect(db.deleteFrom("audit_events").where("id", "=", purged.rowId).execute()).rejects.toThrow(/append-only/);
		await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/);
		// The transaction-local switch that used to open the trigger opens nothing now.
		await expect(
			db.transaction().execute(async (trx) => {
				await sql`select set_config('tessera.audit_maintenance', 'on', true)`.execute(trx);
				await trx.updateTable("audit_events").set({ action: "rewritten" }).where("id", "=", live.rowId).execute();
			}),
		).rejects.toThrow(/append-only/);
	});
});

/**
 * The guarantee against the application itself needs a role of its own, which PGlite (one
 * superuser, in-process) does not have: this part runs on PostgreSQL only, as the README says.
 */
describe.runIf(process.env.DATABASE_URL)("through the application's own role on PostgreSQL", () => {
	const adminUrl = process.env.DATABASE_URL ?? "";
	const role = `tessera_app_${randomBytes(5).toString("hex")}`;
	const password = randomBytes(12).toString("hex");
	let owner: TestDatabase;
	let app: Database;

	async function asAdmin(statement: string) {
		const client = new pg.Client({ connectionString: adminUrl });
		await client.connect();
		try {
			await client.query(statement);
		} finally {
			await client.end();
		}
	}

	beforeAll(async () => {
		owner = await createTestDatabase();
		await asAdmin(`create role ${role} login password '${password}'`);
		await grantApplicationAccess(owner.db, role);
		const url = new URL(adminUrl);
		url.username = role;
		url.password = password;
		url.pathname = `/${(await sql<{ db: string }>`select current_database() as db`.execute(owner.db)).rows[0]?.db}`;
		app = await connect({ databaseUrl: url.toString(), maxConnections: 2 });
	});
	afterAll(async () => {
		await app?.close();
		await owner?.destroy();
		await asAdmin(`drop role if exists ${role}`);
	});

	it("cannot rewrite, delete, truncate or unguard the log by any means, and the purge still works", async () => {
		expect(await currentRoleOf(app.db)).toBe(role);
		expect(await auditGuardOf(app.db)).toBe("role");
		expect(await auditGuardOf(owner.db)).toBe("trigger");

		const live = await auditedUser(owner.db, "active");
		const purged = await auditedUser(owner.db, "deleted");
		const attempts: [string, () => Promise<unknown>][] = [
			["update", () => app.db.updateTable("audit_events").set({ action: "x" }).where("id", "=", live.rowId).execute()],
			["delete", () => app.db.deleteFrom("audit_events").where("id", "=", live.rowId).execute()],
			["truncate", () => sql`truncate audit_events`.execute(app.db)],
			["disable the trigger", () => sql`alter table audit_events disable trigger all`.execute(app.db)],
			["drop the trigger", () => sql`drop trigger audit_events_append_only on audit_events`.execute(app.db)],
			[
				"replace the function",
				() =>
					sql`create or replace function audit_events_append_only() returns trigger language plpgsql as $$ begin return new; end $$`.execute(
						app.db,
					),
			],
			["take the table", () => sql`alter table audit_events owner to current_user`.execute(app.db)],
			["a live user's details", () => setDetails(app.db, live.rowId, PSEUDONYMISED)],
			[
				"the old switch",
				() =>
					app.db.transaction().execute(async (trx) => {
						await sql`select set_config('tessera.audit_maintenance', 'on', true)`.execute(trx);
						await trx.updateTable("audit_events").set({ details: "{}" }).where("id", "=", purged.rowId).execute();
					}),
			],
		];
		for (const [what, attempt] of attempts) {
			await expect(attempt(), what).rejects.toThrow(/append-only|permission denied|must be owner/);
		}
		// What the purge does: cut a purged user's details.
		await setDetails(app.db, purged.rowId, PSEUDONYMISED);
		const rows = await owner.db.selectFrom("audit_events").select(["id", "action", "details"]).orderBy("id").execute();
		expect(rows.map((row) => row.action)).toEqual(["user.updated", "user.updated"]);
		expect(rows.find((row) => row.id === purged.rowId)?.details).toEqual(PSEUDONYMISED);
		// The application still writes everything else it owns the data of.
		await app.db
			.insertInto("audit_events")
			.values({
				tenant_id: live.tenantId,
				occurred_at: new Date(),
				action: "auth.sign_in",
				outcome: "success",
				actor_user_id: live.userId,
				target_user_id: live.userId,
				ip: null,
				user_agent: null,
			})
			.execute();
		await app.db.updateTable("users").set({ first_name: "Ada" }).where("id", "=", live.userId).execute();
	});
});
