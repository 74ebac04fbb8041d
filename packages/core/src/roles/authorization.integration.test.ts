/**
 * Grants travel on the request's actor: the session lookup reads them with the session, the
 * procedure gate and a list's read scope decide on them, and the next request (a new lookup)
 * reads them afresh, so a revoked role stops there.
 */
import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@tessera/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { resolveSession, startSession } from "../auth/session.service";
import { TestClock } from "../shared/clock";
import { inTransaction } from "../shared/tx";
import { createTenant } from "../tenants/tenant.service";
import { authorizeAnywhere } from "./authorization.service";
import { ForbiddenError } from "./rbac.errors";
import { scopeFor } from "./read-scope";

let database: TestDatabase;
const clock = new TestClock(new Date("2026-01-01T00:00:00Z"));
const meta = { ip: "203.0.113.7", userAgent: "vitest" };

beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.destroy();
});

async function auditorOf(tenantId: string) {
	const { db } = database;
	const user = await db
		.insertInto("users")
		.values({ tenant_id: tenantId, state: "active", email: `${randomUUID()}@example.com` })
		.returning("id")
		.executeTakeFirstOrThrow();
	const role = await db
		.selectFrom("roles")
		.select("id")
		.where("tenant_id", "=", tenantId)
		.where("key", "=", "security_auditor")
		.executeTakeFirstOrThrow();
	await db
		.insertInto("role_assignments")
		.values({ tenant_id: tenantId, user_id: user.id, role_id: role.id, context_type: "tenant", context_id: tenantId })
		.execute();
	const { token } = await inTransaction(db, (trx) =>
		startSession(trx, clock, { tenantId, userId: user.id, amr: ["password"] }, meta),
	);
	// Each call is one request: the cookie resolved to a fresh actor.
	const actorOfRequest = async () => {
		const actor = await resolveSession({ db, clock }, token);
		if (!actor) throw new Error("the session should resolve");
		return actor;
	};
	return { userId: user.id, actorOfRequest };
}

it("the session's actor carries its grants, and the next request after a revocation no longer holds them", async () => {
	const { db } = database;
	const tenant = await createTenant({ db }, { slug: `grants-${randomUUID().slice(0, 8)}`, name: "Grants" });
	const { userId, actorOfRequest } = await auditorOf(tenant.id);

	const request = await actorOfRequest();
	expect(request.grants).toContainEqual({
		permission: "audit.read",
		contextType: "tenant",
		contextId: tenant.id,
		appliesToSubAccounts: false,
	});
	expect(() => authorizeAnywhere(request, "audit.read")).not.toThrow();
	expect(await scopeFor(db, request, "audit.read")).toEqual({ all: true });

	await db.deleteFrom("role_assignments").where("user_id", "=", userId).execute();
	// The same request keeps what it read at its start…
	expect(() => authorizeAnywhere(request, "audit.read")).not.toThrow();
	// …and the very next request no longer holds the permission anywhere.
	const next = await actorOfRequest();
	expect(next.grants).toEqual([]);
	expect(() => authorizeAnywhere(next, "audit.read")).toThrow(ForbiddenError);
	expect(await scopeFor(db, next, "audit.read")).toEqual({ all: false, accountIds: [], spaceIds: [] });
});
