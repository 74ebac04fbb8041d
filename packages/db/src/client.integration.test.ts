import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { connect, type Database } from "./client";
import { migrateToLatest } from "./migrate";
import { createTestDatabase, type TestDatabase } from "./testing";

const url = process.env.DATABASE_URL;

const setting = async (
	database: Database,
	name: "statement_timeout" | "lock_timeout" | "idle_in_transaction_session_timeout",
) => (await sql<{ value: string }>`select current_setting(${name}) as value`.execute(database.db)).rows[0]?.value;

// Server-side limits are startup parameters of pg's connections; the embedded PGlite has no pool
// and no other sessions to wait for, so these need DATABASE_URL (CI always sets it).
describe.skipIf(!url)("the PostgreSQL pool's limits", () => {
	const opened: TestDatabase[] = [];
	afterAll(async () => {
		await Promise.all(opened.map((database) => database.destroy()));
	});

	it("starts every connection with the statement, lock and idle-transaction timeouts, defaults included", async () => {
		const tuned = await createTestDatabase({
			connection: { maxConnections: 3, timeouts: { statementMs: 1234, lockMs: 567, idleInTransactionMs: 8910 } },
		});
		opened.push(tuned);
		expect(await setting(tuned, "statement_timeout")).toBe("1234ms");
		expect(await setting(tuned, "lock_timeout")).toBe("567ms");
		expect(await setting(tuned, "idle_in_transaction_session_timeout")).toBe("8910ms");
		const defaults = await createTestDatabase();
		opened.push(defaults);
		expect(await setting(defaults, "statement_timeout")).toBe("30s");
		expect(await setting(defaults, "lock_timeout")).toBe("5s");
		expect(await setting(defaults, "idle_in_transaction_session_timeout")).toBe("30s");
	});

	it("stops a statement at the statement timeout, and migrations run without it and leave it as it was", async () => {
		const database = await createTestDatabase({ connection: { maxConnections: 1, timeouts: { statementMs: 200 } } });
		opened.push(database);
		await expect(sql`select pg_sleep(1)`.execute(database.db)).rejects.toMatchObject({ code: "57014" });
		// The migrator's session lifts both limits for itself, then resets them on the same connection.
		await migrateToLatest(database.db);
		expect(await setting(database, "statement_timeout")).toBe("200ms");
		expect(await setting(database, "lock_timeout")).toBe("5s");
	});

	it("answers the readiness ping on its own connection, and says no within the timeout when nothing listens", async () => {
		const database = await createTestDatabase({ connection: { maxConnections: 1 } });
		opened.push(database);
		// The only pooled connection is busy for a second; the probe does not queue behind it.
		const busy = sql`select pg_sleep(1)`.execute(database.db);
		const started = performance.now();
		expect(await database.ping(1_000)).toBe(true);
		expect(performance.now() - started).toBeLessThan(500);
		await busy;

		const nowhere = await connect({ databaseUrl: "postgres://postgres@127.0.0.1:1/postgres" });
		try {
			const before = performance.now();
			expect(await nowhere.ping(1_000)).toBe(false);
			expect(performance.now() - before).toBeLessThan(1_500);
		} finally {
			await nowhere.close();
		}
	});
});
