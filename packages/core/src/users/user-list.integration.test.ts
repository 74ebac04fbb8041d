import { insertBulkUsers } from "@tessera/db/bulk";
import { createTestDatabase, type TestDatabase } from "@tessera/db/testing";
import { CompiledQuery, type RootOperationNode, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant } from "../tenants/tenant.service";
import {
	findUserPageAndCount,
	MATCH_SET_CAP,
	SHORT_TERM_SET_CAP,
	type SortValue,
	termTest,
} from "./user-list.repository";
import { type TListUsersInput, USER_SORT_FIELDS } from "./user-list.schema";

const SORT_COLUMN = {
	name: "sort_name",
	email: "sort_email",
	created: "created_at",
	lastSignIn: "sort_last_sign_in",
	state: "state",
} as const;

let database: TestDatabase;
let tenantId: string;
// More users than the match set takes, so a term every user matches ("bulk", in every email)
// is served by the sort-index walk, and a last name (~1 in 23) by the match set.
const USERS = MATCH_SET_CAP + 200;

beforeAll(async () => {
	database = await createTestDatabase();
	tenantId = (await createTenant({ db: database.db }, { slug: "search-plans", name: "Search" })).id;
	await insertBulkUsers(database.db, tenantId, USERS, { batchSize: 5_000 });
}, 120_000);
afterAll(async () => {
	await database?.destroy();
});

/** Text as the words a short term matches the start of: separators one space, one in front. */
const words = (text: string) => ` ${text.replace(/[^\p{L}\p{N}]+/gu, " ")}`;

/**
 * Every matching id in list order, from one plain ordered query filtered here, in JavaScript,
 * by what a term means: a substring, or (one or two letters) the start of a word.
 */
async function reference(input: TListUsersInput): Promise<string[]> {
	const column = sql.ref(`users.${SORT_COLUMN[input.sort]}`);
	const direction = sql.raw(input.direction);
	const rows = await sql<{ id: string; search_text: string }>`
		select id, search_text from users where tenant_id = ${tenantId}
		order by ${column} ${direction}, id ${direction}`.execute(database.db);
	const term = (input.search ?? "").toLowerCase();
	const wordStart = ` ${term.replace(/[^\p{L}\p{N}]+/gu, " ").trimStart()}`;
	const matches =
		termTest(term) === "word"
			? (text: string) => words(text).includes(wordStart)
			: (text: string) => text.includes(term);
	return rows.rows.filter((row) => matches(row.search_text)).map((row) => row.id);
}

/** Pages through the list with the repository, `pages` pages at most. */
async function pageThrough(input: TListUsersInput, pages = Number.POSITIVE_INFINITY) {
	const ids: string[] = [];
	const counts: number[] = [];
	let after: { value: SortValue; id: string } | null = null;
	for (let page = 0; page < pages; page++) {
		const { rows, count } = await findUserPageAndCount(database.db, tenantId, { all: true }, input, after, 1_000);
		counts.push(count);
		const shown = rows.slice(0, input.limit);
		ids.push(...shown.map((row) => row.id));
		const last = shown.at(-1);
		if (rows.length <= input.limit || !last) break;
		after = { value: last.sort_value, id: last.id };
	}
	return { ids, counts };
}

describe("user search, whichever path serves it", () => {
	it("reads three letters or digits in a row as a substring, fewer as a word start, none as a plain scan", () => {
		expect(termTest("jansen")).toBe("substring");
		expect(termTest("bulk")).toBe("substring");
		expect(termTest("Müller")).toBe("substring");
		expect(termTest("an")).toBe("word");
		expect(termTest("a.b_c")).toBe("word");
		expect(termTest("@")).toBe("scan");
	});

	it.each(USER_SORT_FIELDS)(
		"pages a common last name sorted by %s exactly as one ordered query, both ways",
		async (sort) => {
			for (const direction of ["asc", "desc"] as const) {
				const input: TListUsersInput = { search: "JANSEN", sort, direction, limit: 40 };
				const expected = await reference({ ...input, search: "jansen" });
				expect(expected.length).toBeGreaterThan(100);
				expect(expected.length).toBeLessThan(1_000);
				const { ids, counts } = await pageThrough(input);
				expect(ids).toEqual(expected);
				expect(new Set(counts)).toEqual(new Set([expected.length]));
			}
		},
	);

	it.each([
		["bulk", "name", "asc"],
		["bulk", "created", "desc"],
		["bu", "email", "desc"],
	] as const)(
		"pages %s (more matches than the match set takes) sorted by %s %s like one ordered query",
		async (search, sort, direction) => {
			const input: TListUsersInput = { search, sort, direction, limit: 30 };
			const expected = await reference(input);
			expect(expected.length).toBeGreaterThan(MATCH_SET_CAP);
			const { ids, counts } = await pageThrough(input, 3);
			expect(ids).toEqual(expected.slice(0, 90));
			expect(counts[0]).toBe(1_001);
		},
	);

	it.each([
		["fa", "name"],
		["OK", "email"],
		["de v", "created"],
	] as const)(
		"pages the short term %s (the start of a word: Fatima, Okafor, de Vries) sorted by %s like one ordered query",
		async (search, sort) => {
			for (const direction of ["asc", "desc"] as const) {
				const input: TListUsersInput = { search, sort, direction, limit: 50 };
				const expected = await reference(input);
				expect(expected.length).toBeGreaterThan(100);
				expect(expected.length).toBeLessThan(SHORT_TERM_SET_CAP);
				const { ids, counts } = await pageThrough(input);
				expect(ids).toEqual(expected);
				expect(new Set(counts)).toEqual(new Set([expected.length]));
			}
		},
	);

	it("matches a short term at word starts only, and a short term no one's word starts with counts 0", async () => {
		// "ns" is inside every "Jansen", at the start of no word.
		const inside = await reference({ search: "ns", sort: "name", direction: "asc", limit: 25 });
		expect(inside).toEqual([]);
		for (const search of ["ns", "qx", "q"]) {
			const page = await findUserPageAndCount(
				database.db,
				tenantId,
				{ all: true },
				{ search, sort: "name", direction: "asc", limit: 25 },
				null,
				1_000,
			);
			expect(page).toEqual({ rows: [], count: 0 });
		}
	});

	it("a continuation whose cursor lies past the match set's end finds nothing, and a term matching no one counts 0", async () => {
		const input: TListUsersInput = { search: "jansen", sort: "email", direction: "asc", limit: 25 };
		const expected = await reference(input);
		const lastId = expected.at(-1) ?? "";
		const last = await database.db
			.selectFrom("users")
			.select("sort_email")
			.where("id", "=", lastId)
			.executeTakeFirstOrThrow();
		const after = { value: last.sort_email, id: lastId };
		expect(await findUserPageAndCount(database.db, tenantId, { all: true }, input, after, 1_000)).toMatchObject({
			rows: [],
		});
		expect(
			await findUserPageAndCount(
				database.db,
				tenantId,
				{ all: true },
				{ ...input, search: "jansen@nowhere" },
				null,
				1_000,
			),
		).toEqual({ rows: [], count: 0 });
	});
});

describe("the plan", () => {
	/** The EXPLAIN of each query the list runs for `input`. */
	async function plansOf(input: TListUsersInput): Promise<string[]> {
		const captured: RootOperationNode[] = [];
		const capturing = database.db.withPlugin({
			transformQuery: ({ node }) => {
				captured.push(node);
				return node;
			},
			transformResult: async ({ result }) => result,
		});
		await findUserPageAndCount(capturing, tenantId, { all: true }, input, null, 1_000);
		const plans: string[] = [];
		for (const node of captured) {
			const compiled = database.db.getExecutor().compileQuery(node, { queryId: "plan" });
			const plan = await database.db.executeQuery<{ "QUERY PLAN": string }>(
				CompiledQuery.raw(`explain (costs off) ${compiled.sql}`, [...compiled.parameters]),
			);
			plans.push(plan.rows.map((row) => row["QUERY PLAN"]).join("\n"));
		}
		return plans;
	}

	it.each(USER_SORT_FIELDS)("for a common term sorted by %s is one query that walks no sort index", async (sort) => {
		await sql`analyze users`.execute(database.db);
		for (const direction of ["asc", "desc"] as const) {
			// The match set gives the page and the count.
			const plans = await plansOf({ search: "jansen", sort, direction, limit: 25 });
			expect(plans).toHaveLength(1);
			expect(plans[0]).toMatch(/CTE matches/);
			expect(plans[0]).not.toMatch(/users_tenant_(sort|created|state)/);
		}
	});

	it("for a short term takes the matches from the words index", async () => {
		await sql`vacuum analyze users`.execute(database.db);
		for (const search of ["qx", "fa"]) {
			const plans = await plansOf({ search, sort: "name", direction: "asc", limit: 25 });
			expect(plans).toHaveLength(1);
			expect(plans[0]).toMatch(/Bitmap Index Scan on users_search_words_trgm/);
			expect(plans[0]).not.toMatch(/users_tenant_(sort|created|state)/);
		}
	});

	it("for a rare term takes the matches from the trigram index", async () => {
		// As autovacuum leaves a table: statistics, and the trigram index's pending list merged.
		await sql`vacuum analyze users`.execute(database.db);
		const plans = await plansOf({ search: "user4242.", sort: "name", direction: "asc", limit: 25 });
		expect(plans).toHaveLength(1);
		expect(plans[0]).toMatch(/Bitmap Index Scan on users_search_trgm/);
		expect(plans[0]).not.toMatch(/users_tenant_(sort|created|state)/);
	});
});
