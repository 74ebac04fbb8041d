import {
	type Compilable,
	type CompiledQuery,
	DummyDriver,
	Kysely,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type QueryResult,
} from "kysely";
import type { DB } from "./schema";

/**
 * Builds queries to compile them, never to run them: both databases we open (PostgreSQL and
 * PGlite) speak PostgreSQL's SQL through Kysely's Postgres compiler, so one compilation serves both.
 */
const compiler = new Kysely<DB>({
	dialect: {
		createAdapter: () => new PostgresAdapter(),
		createDriver: () => new DummyDriver(),
		createIntrospector: (db) => new PostgresIntrospector(db),
		createQueryCompiler: () => new PostgresQueryCompiler(),
	},
});

/** What runs a prepared query: a `Kysely<DB>` or a transaction of one. */
export interface QueryRunner {
	executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/**
 * A parameter's stand-in while the query is compiled. NUL cannot occur in a value we store
 * (PostgreSQL text refuses it), so no real constant in a query can be mistaken for one.
 */
const MARKER_PREFIX = "\u0000tessera-param:";
const MARKER_SUFFIX = "\u0000";

type Slot<P> = { key: keyof P & string } | { value: unknown };

/** A query compiled once; each run only binds new parameter values. */
export interface PreparedQuery<P, R> {
	/** The SQL text, the same string object on every run (the pool names its statement by it). */
	readonly sql: string;
	execute(db: QueryRunner, params: P): Promise<R[]>;
	executeTakeFirst(db: QueryRunner, params: P): Promise<R | undefined>;
}

/**
 * Compiles a query once, at module load, instead of building and compiling it on every call:
 * on the hot read of every authenticated request, Kysely's builder and compiler were an eighth
 * of the API's CPU. `build` receives the Kysely handle to build with and `$`, whose properties
 * stand for the parameters (`$.tokenHash`); each run substitutes the values given for them.
 *
 * A parameter must be passed to Kysely as one value (`where(col, "=", $.id)`, `${$.now}` in an
 * `sql` template), never taken apart (an `in` list, a string it is concatenated into) or
 * inlined (`sql.lit`); compilation fails loudly if one is. Plugins of the handle a query runs
 * on do not transform it (we use none).
 */
export function prepareQuery<P extends Record<string, unknown>, R>(
	build: (db: Kysely<DB>, $: P) => Compilable<R>,
): PreparedQuery<P, R> {
	const used = new Set<string>();
	const placeholders = new Proxy({} as P, {
		get(_target, key) {
			if (typeof key !== "string") return undefined;
			used.add(key);
			return `${MARKER_PREFIX}${key}${MARKER_SUFFIX}`;
		},
	});
	const compiled = build(compiler, placeholders).compile();
	if (compiled.sql.includes(MARKER_PREFIX)) {
		throw new Error(`prepareQuery: a parameter was inlined into the SQL text:\n${compiled.sql}`);
	}
	const slots: Slot<P>[] = compiled.parameters.map((value) => {
		if (typeof value === "string" && value.startsWith(MARKER_PREFIX) && value.endsWith(MARKER_SUFFIX)) {
			return { key: value.slice(MARKER_PREFIX.length, -MARKER_SUFFIX.length) as keyof P & string };
		}
		if (typeof value === "string" && value.includes(MARKER_PREFIX)) {
			throw new Error(`prepareQuery: a parameter was taken apart or concatenated:\n${compiled.sql}`);
		}
		return { value };
	});
	for (const key of used) {
		if (!slots.some((slot) => "key" in slot && slot.key === key)) {
			throw new Error(`prepareQuery: parameter ${key} does not reach the query:\n${compiled.sql}`);
		}
	}
	const { sql, query, queryId } = compiled;
	const run = async (db: QueryRunner, params: P): Promise<R[]> => {
		const parameters = slots.map((slot) => ("key" in slot ? params[slot.key] : slot.value));
		const result = await db.executeQuery<R>({ sql, query, queryId, parameters });
		return result.rows;
	};
	return {
		sql,
		execute: run,
		async executeTakeFirst(db, params) {
			const [row] = await run(db, params);
			return row;
		},
	};
}
