import type { Kysely } from "kysely";
import { type InferResult, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JsonRow, jsonRowReader } from "./json-row";
import type { DB } from "./schema";
import { createTestDatabase, type TestDatabase } from "./testing";

let database: TestDatabase;
let tenantId: string;

beforeAll(async () => {
	database = await createTestDatabase();
	tenantId = (
		await database.db
			.insertInto("tenants")
			.values({ slug: "alpha", name: "Alpha" })
			.returning("id")
			.executeTakeFirstOrThrow()
	).id;
	await database.db
		.insertInto("users")
		.values([
			{
				tenant_id: tenantId,
				state: "active",
				email: "ada@example.com",
				first_name: 'Ada "Countess" \\ Lovelace ✓',
				required_actions: ["verify_email", "enroll_mfa"],
				// Microseconds, which a column read drops to milliseconds: the JSON read must drop them alike.
				password_changed_at: sql<Date>`'2026-03-29 01:59:59.999999+00'::timestamptz`,
				locked_until: new Date("1999-12-31T23:59:59.500Z"),
				failed_attempts: 3,
			},
			{ tenant_id: tenantId, state: "create", email: "bob@example.com", required_actions: [] },
		])
		.execute();
});
afterAll(async () => {
	await database?.destroy();
});

function usersOf(db: Kysely<DB>) {
	return db
		.selectFrom("users")
		.innerJoin("tenants", "tenants.id", "users.tenant_id")
		.select([
			"users.id",
			"users.state",
			"users.email",
			"users.first_name",
			"users.required_actions",
			"users.email_verified",
			"users.failed_attempts",
			"users.created_at",
			"users.password_changed_at",
			"users.locked_until",
			"users.planned_purge_at",
			"tenants.name as tenant_name",
		])
		.where("users.tenant_id", "=", tenantId)
		.orderBy("users.email");
}
type Row = InferResult<ReturnType<typeof usersOf>>[number];

const read = jsonRowReader<Row>({
	created_at: true,
	password_changed_at: true,
	locked_until: true,
	planned_purge_at: true,
});

describe("jsonRowReader", () => {
	it("gives back exactly the row the same select reads as columns: Dates, nulls, arrays, numbers, text", async () => {
		const columns = await usersOf(database.db).execute();
		const json = await database.db
			.selectFrom(usersOf(database.db).as("r"))
			.select(sql<JsonRow<Row>>`to_json(r)`.as("row"))
			.execute();
		const rows = json.map(({ row }) => read(row));
		expect(rows).toEqual(columns);
		expect(rows[0]?.password_changed_at).toEqual(new Date("2026-03-29T01:59:59.999Z"));
		expect(rows[0]?.locked_until).toBeInstanceOf(Date);
		expect(rows[0]?.planned_purge_at).toBeNull();
	});
});
