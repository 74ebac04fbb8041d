import type { DB, UserState } from "@tessera/db/schema";
import { type ExpressionBuilder, sql } from "kysely";
import type { ReadScope } from "../roles/read-scope";
import type { Db } from "../shared/tx";
import type { TListUsersInput, UserSortField } from "./user-list.schema";

const SORT_COLUMN = {
	name: "sort_name",
	email: "sort_email",
	created: "created_at",
	lastSignIn: "sort_last_sign_in",
	state: "state",
} as const satisfies Record<UserSortField, string>;

export type SortValue = string | Date;
type After = { value: SortValue; id: string } | null;

/*
 * How a page is found. A LIMIT 26 ordered by a column with an index invites PostgreSQL to walk
 * that index and filter row by row, which is right when matches are dense and spread over the
 * sort order, and ruinous when they are few or bunched: a common last name sorted by name sits in
 * one stretch of the name index (93,481 rows removed, 105 ms at 100,000 users: issue 11), and a
 * two-letter term no one matches walked all of a million users (2.6 s). So the
 * query shape is chosen from the input, not left to the planner's guess:
 *
 * 1. A search term: its match set is taken first, sorted, and gives the page and the count
 *    (`findPageOfMatchSet`). A term with three letters or digits in a row matches anywhere in the
 *    name, email or username, from `users_search_trgm`, up to `MATCH_SET_CAP` matches. A shorter
 *    one matches the start of a word (as Keycloak's prefix search does), from
 *    `users_search_words_trgm` (migration 0010), up to `SHORT_TERM_SET_CAP`: "li" finds Liam and
 *    li.wang@, not Amelia. Both are what pg_trgm can look up; `like '%li%'` gives it no trigram
 *    and read the whole tenant (0.34 s of SQL at a million users). A term without any letter or
 *    digit ("@", "+") can use neither index: its set is read in storage order up to
 *    `SHORT_TERM_SET_CAP`; such terms match nearly everyone or no one, and the second case still
 *    reads the whole tenant.
 * 2. Otherwise, a role filter held by at most `ROLE_SET_CAP` users: the match set comes from the
 *    role's assignments the same way.
 * 3. Otherwise (no search, or a term matching more than its cap), walk the
 *    (tenant_id, sort column, id) index: matches are then dense, and a page lies a few hundred or
 *    thousand rows into the walk.
 *
 * Every path returns the same rows in the same (sort column, id) order.
 */

/**
 * The most matches a search takes from the trigram index and sorts. A last name shared by 0.4% of
 * a million users is ~4,300 matches, sorted in ~20 ms (bench/src/users-list.ts); above this the
 * term matches more than 1% of a million-user tenant and the walk reaches a page sooner.
 */
export const MATCH_SET_CAP = 10_000;

/**
 * The most matches a short term takes as its match set before the list walks the sort index
 * instead. Word starts are common ("li" starts a word for several percent of users): reading
 * 10,000 of them to learn the set is too big took 70-117 ms at a million users, where the walk
 * finds a page of such a term in about a thousand rows. A term without letters or digits reads
 * the table in storage order: "@" or "." fill the cap within a thousand rows, one that no one
 * matches reads the whole tenant once (0.34 s at a million users).
 */
export const SHORT_TERM_SET_CAP = 1_000;

/**
 * The most role holders a role filter takes as its match set. Reading N holders costs N row reads;
 * walking the sort index for them about 26 × users / N: even at a million users near 5,000.
 */
export const ROLE_SET_CAP = 5_000;

/**
 * What a search term matches, and so which index can find it (see the note above):
 * "substring" anywhere (three letters or digits in a row, so pg_trgm has a trigram to look up),
 * "word" the start of a word (a shorter term: "li", "a.b"), "scan" a term with no letter or digit,
 * as a substring no index answers.
 */
export type TermTest = "substring" | "word" | "scan";

export function termTest(term: string): TermTest {
	if (/[\p{L}\p{N}]{3}/u.test(term)) return "substring";
	return /[\p{L}\p{N}]/u.test(term) ? "word" : "scan";
}

/**
 * `search_text` as words: each run of characters that are not letters or digits one space, with
 * one in front. Literally the expression of `users_search_words_trgm` (migration 0010), or the
 * planner cannot match the index.
 */
const SEARCH_WORDS = sql<string>`(' ' || regexp_replace(${sql.ref("users.search_text")}, '[^[:alnum:]]+', ' ', 'g'))`;

/**
 * A term in the same words, led by the space that marks a word start: " li", " a b" for "a.b".
 * Only letters, digits and spaces are left, so nothing in it is a LIKE wildcard.
 */
const wordStartOf = (term: string) =>
	sql<string>`' ' || ltrim(regexp_replace(lower(${term}), '[^[:alnum:]]+', ' ', 'g'))`;

/** Escapes LIKE wildcards so a search for "50%_off\\" matches those characters literally (I02). */
export function escapeLike(value: string): string {
	return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

interface FilterShape {
	/**
	 * "index": the term as a LIKE its trigram index answers; "per-row": the same test as `strpos`,
	 * which no index answers, for candidates walked in order (the index would tempt the planner).
	 */
	term: "index" | "per-row";
	/**
	 * "join": PostgreSQL may turn the role and passkey filters into joins driven from the role's
	 * assignments or from the passkeys; "per-row": checked on each candidate row instead (OFFSET 0
	 * keeps the EXISTS from being pulled up), for candidates that are already few or are walked in
	 * order. Driving from 10,000 holders of a role read 10,000 users to find one rare term's match
	 * (70 ms at a million).
	 */
	related: "join" | "per-row";
}

function filtersFor(tenantId: string, scope: ReadScope, input: TListUsersInput, shape: FilterShape) {
	return (eb: ExpressionBuilder<DB, "users">) => {
		const conditions = [eb("users.tenant_id", "=", tenantId)];
		if (!scope.all) {
			conditions.push(
				scope.accountIds.length > 0
					? eb("users.primary_account_id", "in", scope.accountIds)
					: eb(sql.lit(false), "=", true),
			);
		}
		if (input.search) conditions.push(searchCondition(eb, input.search, shape.term));
		if (input.states?.length) conditions.push(eb("users.state", "in", input.states as UserState[]));
		if (input.userTypes?.length) conditions.push(eb("users.user_type", "in", input.userTypes));
		if (input.mfaEnabled !== undefined) conditions.push(eb("users.two_factor_enabled", "=", input.mfaEnabled));
		if (input.mfaMethods?.length) conditions.push(eb("users.two_factor_type", "in", input.mfaMethods));
		if (input.accountId) conditions.push(eb("users.primary_account_id", "=", input.accountId));
		if (input.createdFrom) conditions.push(eb("users.created_at", ">=", input.createdFrom));
		if (input.createdTo) conditions.push(eb("users.created_at", "<", input.createdTo));
		if (input.roleKeys?.length) {
			const holders = eb
				.selectFrom("role_assignments as ra")
				.innerJoin("roles as r", "r.id", "ra.role_id")
				.select(sql.lit(1).as("one"))
				.whereRef("ra.user_id", "=", "users.id")
				.where("r.key", "in", input.roleKeys);
			conditions.push(eb.exists(shape.related === "per-row" ? holders.offset(0) : holders));
		}
		if (input.hasPasskey !== undefined) {
			const held = eb.selectFrom("passkeys as pk").select(sql.lit(1).as("one")).whereRef("pk.user_id", "=", "users.id");
			const exists = eb.exists(shape.related === "per-row" ? held.offset(0) : held);
			conditions.push(input.hasPasskey ? exists : eb.not(exists));
		}
		return eb.and(conditions);
	};
}

/** The term's test (see `termTest`), in the form `shape` asks for; both forms select the same rows. */
function searchCondition(eb: ExpressionBuilder<DB, "users">, search: string, shape: FilterShape["term"]) {
	const test = termTest(search);
	if (test === "word") {
		return shape === "index"
			? eb(SEARCH_WORDS, "like", sql<string>`'%' || ${wordStartOf(search)} || '%'`)
			: eb.and([
					// Cheap first: a word start is a substring of search_text too, and most rows lack it, so
					// they never pay for regexp_replace (the walk for a common short term checks ~1,000 rows).
					eb(sql<number>`strpos(${eb.ref("users.search_text")}, split_part(${wordStartOf(search)}, ' ', 2))`, ">", 0),
					eb(sql<number>`strpos(${SEARCH_WORDS}, ${wordStartOf(search)})`, ">", 0),
				]);
	}
	// search_text is stored lower-cased, so a LIKE on the lower-cased term is the ILIKE it replaces
	// without lower-casing every candidate again; both forms are the same literal substring test.
	return test === "substring" && shape === "index"
		? eb("users.search_text", "like", sql<string>`lower(${`%${escapeLike(search)}%`})`)
		: eb(sql<number>`strpos(${eb.ref("users.search_text")}, lower(${search}))`, ">", 0);
}

const PAGE_COLUMNS = [
	"users.id",
	"users.email",
	"users.first_name",
	"users.last_name",
	"users.username",
	"users.state",
	"users.user_type",
	"users.two_factor_enabled",
	"users.two_factor_type",
	"users.primary_account_id",
	"users.created_at",
	"users.last_sign_in_at",
	"users.version",
] as const;

/**
 * One page of users, ordered by (sort column, id) and continued after `after` (keyset
 * pagination), and how many users match, counted up to `countCap` + 1. The path is chosen as the
 * note above says.
 */
export async function findUserPageAndCount(
	db: Db,
	tenantId: string,
	scope: ReadScope,
	input: TListUsersInput,
	after: After,
	countCap: number,
) {
	const page = await findPageOfNarrowSet(db, tenantId, scope, input, after);
	if (page !== null && page !== OVER_CAP) return page;
	// A search's match set has every filter applied: more users than its cap match, and so more than
	// the count shows when the cap is as large; counting them again was the slower half of a common
	// short term ("li": 16 ms of 40 at a million users).
	const knownAbove = page === OVER_CAP && searchSetCap(input) >= countCap;
	const [rows, count] = await Promise.all([
		walkSortIndex(db, tenantId, scope, input, after),
		knownAbove ? countCap + 1 : countUsers(db, tenantId, scope, input, countCap),
	]);
	return { rows, count };
}

/** One page of users (see findUserPageAndCount), for readers that need no count. */
export async function findUserPage(db: Db, tenantId: string, scope: ReadScope, input: TListUsersInput, after: After) {
	const page = await findPageOfNarrowSet(db, tenantId, scope, input, after);
	return page === null || page === OVER_CAP ? walkSortIndex(db, tenantId, scope, input, after) : page.rows;
}

/** More users matched than a match set takes: walk the sort index instead. */
const OVER_CAP = Symbol("over cap");

/** The match set a search term takes before it walks the sort index (see the note above). */
function searchSetCap(input: TListUsersInput): number {
	return input.search && termTest(input.search) === "substring" ? MATCH_SET_CAP : SHORT_TERM_SET_CAP;
}

/**
 * Paths 1 and 2: the page out of a match set a trigram or a role narrows, or nothing to serve it
 * from: OVER_CAP when the search's match set had more users than its cap (a fact the count can
 * use), null otherwise.
 */
async function findPageOfNarrowSet(db: Db, tenantId: string, scope: ReadScope, input: TListUsersInput, after: After) {
	let searchOverCap = false;
	if (input.search) {
		const shape = { term: "index", related: "per-row" } as const;
		const page = await findPageOfMatchSet(db, tenantId, scope, input, after, shape, searchSetCap(input));
		if (page !== null && page !== OVER_CAP) return page;
		searchOverCap = page === OVER_CAP;
	}
	if (
		input.roleKeys?.length &&
		(await countRoleAssignments(db, tenantId, input.roleKeys, ROLE_SET_CAP)) <= ROLE_SET_CAP
	) {
		const shape = { term: "per-row", related: "join" } as const;
		const page = await findPageOfMatchSet(db, tenantId, scope, input, after, shape, ROLE_SET_CAP);
		if (page !== null && page !== OVER_CAP) return page;
	}
	return searchOverCap ? OVER_CAP : null;
}

/** Path 3: the sort index walked from the cursor, each row checked against the filters. */
function walkSortIndex(db: Db, tenantId: string, scope: ReadScope, input: TListUsersInput, after: After) {
	const column = SORT_COLUMN[input.sort];
	const direction = input.direction;
	let query = db
		.selectFrom("users")
		.where(filtersFor(tenantId, scope, input, { term: "per-row", related: "per-row" }))
		.select([...PAGE_COLUMNS, `users.${column} as sort_value`]);
	if (after) {
		query = query.where((eb) =>
			eb(eb.refTuple(`users.${column}`, "users.id"), direction === "asc" ? ">" : "<", eb.tuple(after.value, after.id)),
		);
	}
	return query
		.orderBy(`users.${column}`, direction)
		.orderBy("users.id", direction)
		.limit(input.limit + 1)
		.execute();
}

/**
 * The page out of the whole match set and the set's size (which is also the list's count), or
 * OVER_CAP when more than `cap` users match. The set is a MATERIALIZED CTE: planned on its
 * own, from the index that narrows it, so the sort index the outer ORDER BY suggests is out of
 * reach. A continuation that finds nothing after its cursor cannot tell "the end" from "a capped
 * set that happened to end before the cursor", so it answers null and lets the walk decide (a
 * cursor is only handed out when rows followed it, so this is rare).
 */
async function findPageOfMatchSet(
	db: Db,
	tenantId: string,
	scope: ReadScope,
	input: TListUsersInput,
	after: After,
	shape: FilterShape,
	cap: number,
) {
	const column = SORT_COLUMN[input.sort];
	const direction = input.direction;
	let page = db
		.with(
			(cte) => cte("matches").materialized(),
			(qb) =>
				qb
					.selectFrom("users")
					.where(filtersFor(tenantId, scope, input, shape))
					.select([...PAGE_COLUMNS, `users.${column} as sort_value`])
					.limit(cap + 1),
		)
		.selectFrom("matches")
		.selectAll()
		.select((eb) => eb.selectFrom("matches as all").select(eb.fn.countAll<number>().as("n")).as("matched"));
	if (after) {
		page = page.where((eb) =>
			eb(eb.refTuple("sort_value", "id"), direction === "asc" ? ">" : "<", eb.tuple(after.value, after.id)),
		);
	}
	const rows = await page
		.orderBy("sort_value", direction)
		.orderBy("id", direction)
		.limit(input.limit + 1)
		.execute();
	const first = rows[0];
	if (first === undefined) return after ? null : { rows: [], count: 0 };
	const count = Number(first.matched);
	if (count > cap) return OVER_CAP;
	return { rows: rows.map(({ matched: _, ...row }) => row), count };
}

/** Role assignments of these roles in the tenant, counted up to `cap` + 1 (at least their holders). */
async function countRoleAssignments(db: Db, tenantId: string, roleKeys: string[], cap: number): Promise<number> {
	const row = await db
		.selectFrom((eb) =>
			eb
				.selectFrom("role_assignments as ra")
				.innerJoin("roles as r", "r.id", "ra.role_id")
				.select(sql.lit(1).as("one"))
				.where("ra.tenant_id", "=", tenantId)
				.where("r.tenant_id", "=", tenantId)
				.where("r.key", "in", roleKeys)
				.limit(cap + 1)
				.as("assignments"),
		)
		.select((eb) => eb.fn.countAll<number>().as("n"))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** How many users match, counted up to `cap` + 1 so a million-row tenant is never fully scanned. */
async function countUsers(db: Db, tenantId: string, scope: ReadScope, input: TListUsersInput, cap: number) {
	const row = await db
		.selectFrom((eb) =>
			eb
				.selectFrom("users")
				// With LIMIT and no order, driving from a role's assignments stops after `cap` + 1 holders.
				.where(filtersFor(tenantId, scope, input, { term: "index", related: "join" }))
				.select(sql.lit(1).as("one"))
				.limit(cap + 1)
				.as("matches"),
		)
		.select((eb) => eb.fn.countAll<number>().as("n"))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function findRoleKeysOfUsers(db: Db, tenantId: string, userIds: string[]): Promise<Map<string, string[]>> {
	const byUser = new Map<string, string[]>();
	if (userIds.length === 0) return byUser;
	const rows = await db
		.selectFrom("role_assignments as ra")
		.innerJoin("roles as r", "r.id", "ra.role_id")
		.select(["ra.user_id", "r.key"])
		.where("ra.tenant_id", "=", tenantId)
		.where("ra.user_id", "in", userIds)
		.orderBy("r.key")
		.execute();
	for (const row of rows) {
		const keys = byUser.get(row.user_id) ?? [];
		if (!keys.includes(row.key)) keys.push(row.key);
		byUser.set(row.user_id, keys);
	}
	return byUser;
}
