import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { connect, type Database } from "./client";

const url = process.env.DATABASE_URL;

/** What the one connection of `database` has prepared, as PostgreSQL itself reports it. */
async function preparedOn(database: Database) {
	const result = await sql<{
		name: string;
		statement: string;
	}>`select name, statement from pg_prepared_statements order by name`.execute(database.db);
	return result.rows;
}

// Named statements are a feature of the pg driver's pool; the embedded PGlite runs every query
// in-process with neither, so these tests need DATABASE_URL (CI always sets it).
describe.skipIf(!url)("named prepared statements on PostgreSQL", () => {
	const opened: Database[] = [];
	const open = async (preparedStatements?: boolean) => {
		const database = await connect({ databaseUrl: url, maxConnections: 1, preparedStatements });
		opened.push(database);
		return database;
	};
	afterAll(async () => {
		await Promise.all(opened.map((database) => database.close()));
	});

	it("prepares a parameterised statement once per connection and reuses it", async () => {
		const database = await open();
		const lookup = (name: string) =>
			database.db
				.selectFrom(sql<{ relname: string }>`pg_class`.as("c"))
				.select("c.relname")
				.where("c.relname", "=", name)
				.execute();
		expect(await lookup("pg_class")).toEqual([{ relname: "pg_class" }]);
		expect(await lookup("pg_type")).toEqual([{ relname: "pg_type" }]);
		const prepared = (await preparedOn(database)).filter((row) => row.name.startsWith("tessera_"));
		expect(prepared).toHaveLength(1);
		expect(prepared[0]?.statement).toContain('"c"."relname" = $1');
	});

	it("plans pattern searches afresh every time, and leaves statements without parameters unnamed", async () => {
		const database = await open();
		await database.db
			.selectFrom(sql<{ relname: string }>`pg_class`.as("c"))
			.select("c.relname")
			.where("c.relname", "like", "pg_clas%")
			.execute();
		await sql`select 1 as one`.execute(database.db);
		expect((await preparedOn(database)).filter((row) => row.name.startsWith("tessera_"))).toEqual([]);
	});

	it("names nothing when turned off", async () => {
		const database = await open(false);
		await database.db
			.selectFrom(sql<{ relname: string }>`pg_class`.as("c"))
			.select("c.relname")
			.where("c.relname", "=", "pg_class")
			.execute();
		expect(await preparedOn(database)).toEqual([]);
	});
});
