/**
 * Role administration against a real database: the audit row and the change commit together
 * (SECURITY G03), and concurrent requests cannot remove the last tenant administrator.
 */
import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@tessera/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SessionActor } from "../shared/actor";
import { TestClock } from "../shared/clock";
import { createTenant } from "../tenants/tenant.service";
import { PERMISSION_KEYS } from "./permissions";
import { findGrantsOfUser } from "./role.repository";
import { LastTenantAdminError } from "./role-admin.errors";
import { assignRole, createRole, unassignRole } from "./role-admin.service";

let database: TestDatabase;
const clock = new TestClock(new Date("2026-01-01T00:00:00Z"));
const meta = { ip: "203.0.113.7", userAgent: "vitest" };

beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.destroy();
});

async function seedUser(tenantId: string, roleKeys: string[] = []) {
	const { db } = database;
	const user = await db
		.insertInto("users")
		.values({ tenant_id: tenantId, state: "active", email: `${randomUUID()}@example.com` })
		.returning("id")
		.executeTakeFirstOrThrow();
	const assignments: string[] = [];
	for (const key of roleKeys) {
		const role = await db
			.selectFrom("roles")
			.select("id")
			.where("tenant_id", "=", tenantId)
			.where("key", "=", key)
			.executeTakeFirstOrThrow();
		const row = await db
			.insertInto("role_assignments")
			.values({ tenant_id: tenantId, user_id: user.id, role_id: role.id, context_type: "tenant", context_id: tenantId })
			.returning("id")
			.executeTakeFirstOrThrow();
		assignments.push(row.id);
	}
	const actor: SessionActor = {
		kind: "session",
		sessionId: randomUUID(),
		tenantId,
		userId: user.id,
		authenticatedAt: clock.now(),
		requiredActions: [],
		grants: await findGrantsOfUser(db, tenantId, user.id),
	};
	return { id: user.id, actor, assignments };
}

const countRows = async (table: "role_assignments" | "audit_events" | "roles", tenantId: string) => {
	const row = await database.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as("n"))
		.where("tenant_id", "=", tenantId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
};

it("a failing audit insert rolls the change back: no change without its audit row (G03)", async () => {
	const { id: tenantId } = await createTenant({ db: database.db }, { slug: "atomic", name: "Atomic" });
	const admin = await seedUser(tenantId, ["tenant_admin"]);
	const otherAdmin = await seedUser(tenantId, ["tenant_admin"]);
	const target = await seedUser(tenantId);
	const auditor = await database.db
		.selectFrom("roles")
		.select("id")
		.where("tenant_id", "=", tenantId)
		.where("key", "=", "security_auditor")
		.executeTakeFirstOrThrow();
	// A fault hook: the audit insert fails after the change was written in the same transaction.
	await sql`create function fail_role_audit() returns trigger language plpgsql as $$
		begin
			if new.action like 'role.%' then raise exception 'audit store unavailable'; end if;
			return new;
		end $$`.execute(database.db);
	await sql`create trigger fail_role_audit before insert on audit_events
		for each row execute function fail_role_audit()`.execute(database.db);
	const before = {
		assignments: await countRows("role_assignments", tenantId),
		roles: await countRows("roles", tenantId),
		audit: await countRows("audit_events", tenantId),
	};
	try {
		await expect(
			assignRole(
				{ db: database.db, clock },
				admin.actor,
				{ userId: target.id, roleId: auditor.id, context: { type: "tenant" } },
				meta,
			),
		).rejects.toThrow(/audit store unavailable/);
		await expect(
			createRole(
				{ db: database.db, clock },
				admin.actor,
				{ key: "never", name: "Never", description: "", contextType: "tenant", permissions: ["users.read"] },
				meta,
			),
		).rejects.toThrow(/audit store unavailable/);
		await expect(
			unassignRole({ db: database.db, clock }, admin.actor, { assignmentId: otherAdmin.assignments[0] ?? "" }, meta),
		).rejects.toThrow(/audit store unavailable/);
	} finally {
		await sql`drop trigger fail_role_audit on audit_events`.execute(database.db);
		await sql`drop function fail_role_audit()`.execute(database.db);
	}
	expect({
		assignments: await countRows("role_assignments", tenantId),
		roles: await countRows("roles", tenantId),
		audit: await countRows("audit_events", tenantId),
	}).toEqual(before);
});

it("concurrent removals never take away the last active tenant administrator", async () => {
	// A tenant-wide custom role with every permission (not tenant_admin itself) removes both
	// tenant admins at once, in several tenants in parallel to widen the race window.
	const outcomes = await Promise.all(
		Array.from({ length: 6 }, async (_, index) => {
			const { id: tenantId } = await createTenant({ db: database.db }, { slug: `race-${index}`, name: "Race" });
			const role = await database.db
				.insertInto("roles")
				.values({ tenant_id: tenantId, key: "superuser", name: "Superuser", description: "", context_type: "tenant" })
				.returning("id")
				.executeTakeFirstOrThrow();
			await database.db
				.insertInto("role_permissions")
				.values(PERMISSION_KEYS.map((permission) => ({ role_id: role.id, permission })))
				.execute();
			const remover = await seedUser(tenantId, ["superuser"]);
			const first = await seedUser(tenantId, ["tenant_admin"]);
			const second = await seedUser(tenantId, ["tenant_admin"]);
			const results = await Promise.allSettled(
				[first, second].map((admin) =>
					unassignRole({ db: database.db, clock }, remover.actor, { assignmentId: admin.assignments[0] ?? "" }, meta),
				),
			);
			const remaining = await database.db
				.selectFrom("role_assignments")
				.select((eb) => eb.fn.countAll<number>().as("n"))
				.where("tenant_id", "=", tenantId)
				.where("role_id", "<>", role.id)
				.executeTakeFirstOrThrow();
			return {
				fulfilled: results.filter((r) => r.status === "fulfilled").length,
				reasons: results.flatMap((r) => (r.status === "rejected" ? [(r.reason as { code?: string }).code] : [])),
				remaining: Number(remaining.n),
			};
		}),
	);
	for (const outcome of outcomes) {
		expect(outcome).toEqual({ fulfilled: 1, reasons: ["ROLE.LAST_TENANT_ADMIN"], remaining: 1 });
	}
});

it("two administrators removing each other at once leave exactly one of them", async () => {
	const { id: tenantId } = await createTenant({ db: database.db }, { slug: "race", name: "Race" });
	const first = await seedUser(tenantId, ["tenant_admin"]);
	const second = await seedUser(tenantId, ["tenant_admin"]);
	const results = await Promise.allSettled([
		unassignRole({ db: database.db, clock }, first.actor, { assignmentId: second.assignments[0] ?? "" }, meta),
		unassignRole({ db: database.db, clock }, second.actor, { assignmentId: first.assignments[0] ?? "" }, meta),
	]);
	const fulfilled = results.filter((r) => r.status === "fulfilled");
	const rejected = results.filter((r) => r.status === "rejected");
	expect(fulfilled).toHaveLength(1);
	expect(rejected).toHaveLength(1);
	// The loser either saw the winner's removal (last admin) or lost its own grant first (forbidden).
	const reason = (rejected[0] as PromiseRejectedResult).reason as { code?: string };
	expect(["ROLE.LAST_TENANT_ADMIN", "AUTHZ.FORBIDDEN", "ROLE.ASSIGNMENT_NOT_FOUND"]).toContain(reason.code);
	expect(await countRows("role_assignments", tenantId)).toBe(1);
	expect(
		await database.db
			.selectFrom("audit_events")
			.select("action")
			.where("tenant_id", "=", tenantId)
			.where("action", "like", "role.%")
			.execute(),
	).toEqual([{ action: "role.unassigned" }]);
	// And the survivor cannot now remove themselves.
	const survivor = fulfilled.length === 1 && results[0]?.status === "fulfilled" ? first : second;
	await expect(
		unassignRole({ db: database.db, clock }, survivor.actor, { assignmentId: survivor.assignments[0] ?? "" }, meta),
	).rejects.toBeInstanceOf(LastTenantAdminError);
});
