/**
 * grantsOfRequest: one read of the actor's grants per request, shared by the procedure gate and a
 * list's read scope; a new request (a new actor object) reads them afresh.
 */
import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@tessera/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SessionActor } from "../auth/session.service";
import { createTenant } from "../tenants/tenant.service";
import { authorizeAnywhere, grantsOfRequest } from "./authorization.service";
import { ForbiddenError } from "./rbac.errors";

let database: TestDatabase;

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
	const actorOfRequest = (): SessionActor => ({
		kind: "session",
		sessionId: randomUUID(),
		tenantId,
		userId: user.id,
		authenticatedAt: new Date(),
		requiredActions: [],
	});
	return { userId: user.id, actorOfRequest };
}

it("reads grants once per request, and afresh for the next request after a role is revoked", async () => {
	const { db } = database;
	const tenant = await createTenant(db, { slug: `grants-${randomUUID().slice(0, 8)}`, name: "Grants" });
	const { userId, actorOfRequest } = await auditorOf(tenant.id);

	const request = actorOfRequest();
	const first = grantsOfRequest(db, request);
	expect(grantsOfRequest(db, request)).toBe(first);
	await authorizeAnywhere(db, request, "audit.read");

	await db.deleteFrom("role_assignments").where("user_id", "=", userId).execute();
	// The same request keeps what it read at its start…
	await expect(authorizeAnywhere(db, request, "audit.read")).resolves.toBeUndefined();
	// …and the very next request no longer holds the permission.
	await expect(authorizeAnywhere(db, actorOfRequest(), "audit.read")).rejects.toBeInstanceOf(ForbiddenError);
	expect(await grantsOfRequest(db, actorOfRequest())).toEqual([]);
});
