import type { Kysely } from "kysely";
import { type InferResult, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JsonRow, jsonRowReader, prepareBatchedJsonRowQuery } from "./json-row";
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
	return userColumns(db).where("users.tenant_id", "=", tenantId).orderBy("users.email");
}

function userColumns(db: Kysely<DB>) {
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
		]);
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

/** A user by email (compiled at load, before any tenant exists: the email alone picks the row). */
const byEmail = prepareBatchedJsonRowQuery((db, email) => userColumns(db).where("users.email", "=", email), {
	created_at: true,
	password_changed_at: true,
	locked_until: true,
	planned_purge_at: true,
});

function countingHandle(db: Kysely<DB>): { db: Kysely<DB>; statements: () => number } {
	let statements = 0;
	const counted = db.withPlugin({
		transformQuery: (args) => args.node,
		transformResult: async (args) => {
			statements++;
			return args.result;
		},
	});
	return { db: counted, statements: () => statements };
}

describe("prepareBatchedJsonRowQuery", () => {
	it("answers the lookups made in the same turn with one statement, each caller its own row", async () => {
		const { db, statements } = countingHandle(database.db);
		const keys = ["ada@example.com", "bob@example.com", "ada@example.com", "nobody@example.com", "bob@example.com"];
		const rows = await Promise.all(keys.map((key) => byEmail.load(db, key)));
		expect(statements()).toBe(1);
		expect(rows.map((row) => row?.email)).toEqual([
			"ada@example.com",
			"bob@example.com",
			"ada@example.com",
			undefined,
			"bob@example.com",
		]);
		// The same row as a plain read, Dates revived; a repeated key gets an object of its own.
		const [ada] = await usersOf(database.db).where("users.email", "=", "ada@example.com").execute();
		expect(rows[0]).toEqual(ada);
		expect(rows[0]?.password_changed_at).toBeInstanceOf(Date);
		expect(rows[2]).toEqual(rows[0]);
		expect(rows[2]).not.toBe(rows[0]);
	});

	it("splits a crowd into statements of at most 100 keys", async () => {
		const { db, statements } = countingHandle(database.db);
		const rows = await Promise.all(Array.from({ length: 250 }, () => byEmail.load(db, "bob@example.com")));
		expect(statements()).toBe(3);
		expect(rows.every((row) => row?.email === "bob@example.com")).toBe(true);
	});

	it("keeps nothing: a lookup after a change reads the change", async () => {
		const { db, statements } = countingHandle(database.db);
		expect((await byEmail.load(db, "bob@example.com"))?.first_name).toBeNull();
		await database.db.updateTable("users").set({ first_name: "Bob" }).where("email", "=", "bob@example.com").execute();
		expect((await byEmail.load(db, "bob@example.com"))?.first_name).toBe("Bob");
		await database.db.updateTable("users").set({ first_name: null }).where("email", "=", "bob@example.com").execute();
		expect(statements()).toBe(2);
	});

	it("in a transaction, looks up alone on the transaction and sees its uncommitted rows", async () => {
		await database.db
			.transaction()
			.execute(async (trx) => {
				await trx
					.insertInto("users")
					.values({ tenant_id: tenantId, state: "active", email: "carol@example.com" })
					.execute();
				// (Nothing is read outside meanwhile: the embedded database has one connection, held here.)
				expect((await byEmail.load(trx, "carol@example.com"))?.email).toBe("carol@example.com");
				throw new Error("roll back");
			})
			.catch((error: unknown) => {
				if (!(error instanceof Error) || error.message !== "roll back") throw error;
			});
		expect(await byEmail.load(database.db, "carol@example.com")).toBeUndefined();
	});

	it("fails every caller of a batch whose statement fails, and the next batch runs", async () => {
		const { db } = countingHandle(database.db);
		// PostgreSQL text cannot hold NUL: the statement is refused (our keys are hashes, never NUL).
		const results = await Promise.allSettled([byEmail.load(db, "ada@example.com"), byEmail.load(db, "bad\u0000key")]);
		expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
		expect((await byEmail.load(db, "ada@example.com"))?.email).toBe("ada@example.com");
	});
});
