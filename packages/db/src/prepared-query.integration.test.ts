import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareQuery } from "./prepared-query";
import { createTestDatabase, type TestDatabase } from "./testing";

let database: TestDatabase;

beforeAll(async () => {
	database = await createTestDatabase();
	await database.db
		.insertInto("tenants")
		.values([
			{ slug: "alpha", name: "Alpha" },
			{ slug: "beta", name: "Beta" },
			{ slug: "gamma", name: "Gamma" },
		])
		.execute();
});
afterAll(async () => {
	await database?.destroy();
});

const tenantBySlug = prepareQuery((db, $: { slug: string }) =>
	db.selectFrom("tenants").select(["slug", "name"]).where("slug", "=", $.slug),
);

describe("prepareQuery", () => {
	it("binds each run's values, and returns what the same query built on the spot returns", async () => {
		for (const slug of ["alpha", "beta", "nobody"]) {
			const built = await database.db.selectFrom("tenants").select(["slug", "name"]).where("slug", "=", slug).execute();
			expect(await tenantBySlug.execute(database.db, { slug })).toEqual(built);
		}
		expect(await tenantBySlug.executeTakeFirst(database.db, { slug: "gamma" })).toEqual({
			slug: "gamma",
			name: "Gamma",
		});
		expect(await tenantBySlug.executeTakeFirst(database.db, { slug: "nobody" })).toBeUndefined();
	});

	it("keeps constants of the query, binds a parameter used twice, and takes dates and sql templates", async () => {
		const query = prepareQuery((db, $: { first: string; second: string; before: Date }) =>
			db
				.selectFrom("tenants")
				.select("slug")
				.where((eb) => eb.or([eb("slug", "=", $.first), eb("slug", "=", $.second), eb("name", "=", "Gamma")]))
				.where(sql<boolean>`created_at < ${$.before}::timestamptz`)
				.where("slug", "!=", $.second)
				.orderBy("slug"),
		);
		const rows = await query.execute(database.db, {
			first: "alpha",
			second: "beta",
			before: new Date(Date.now() + 60_000),
		});
		expect(rows).toEqual([{ slug: "alpha" }, { slug: "gamma" }]);
		const none = await query.execute(database.db, { first: "alpha", second: "beta", before: new Date(0) });
		expect(none).toEqual([]);
	});

	it("runs inside a transaction, where its writes commit or roll back with the rest", async () => {
		const rename = prepareQuery((db, $: { slug: string; name: string }) =>
			db.updateTable("tenants").set({ name: $.name }).where("slug", "=", $.slug),
		);
		await database.db
			.transaction()
			.execute(async (trx) => {
				await rename.execute(trx, { slug: "beta", name: "Renamed" });
				expect(await tenantBySlug.executeTakeFirst(trx, { slug: "beta" })).toEqual({ slug: "beta", name: "Renamed" });
				throw new Error("roll back");
			})
			.catch(() => {});
		expect(await tenantBySlug.executeTakeFirst(database.db, { slug: "beta" })).toEqual({ slug: "beta", name: "Beta" });
	});

	it("compiles once: every run sends the very same SQL text", () => {
		expect(tenantBySlug.sql).toBe('select "slug", "name" from "tenants" where "slug" = $1');
	});

	it("refuses, at compile time, a parameter that would not be sent as one value", () => {
		expect(() =>
			prepareQuery((db, $: { slug: string }) =>
				db.selectFrom("tenants").select("slug").where("slug", "=", sql.lit($.slug)),
			),
		).toThrow(/inlined/);
		expect(() =>
			prepareQuery((db, $: { slug: string }) =>
				db.selectFrom("tenants").select("slug").where("slug", "like", `${$.slug}%`),
			),
		).toThrow(/taken apart or concatenated/);
	});
});
