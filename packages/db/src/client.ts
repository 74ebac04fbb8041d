import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { preparingPool } from "./prepared-statements";
import type { DB } from "./schema";

// int8 (count(*), identity ids) arrives as a string by default; our values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
// numeric stays a string on purpose: no implicit precision loss.

export type DatabaseKind = "postgres" | "pglite";

export interface Database {
	db: Kysely<DB>;
	kind: DatabaseKind;
	close(): Promise<void>;
}

export interface ConnectOptions {
	/** A PostgreSQL connection string. Without it the embedded PGlite is used. */
	databaseUrl?: string | undefined;
	/** PGlite data folder; `memory://` keeps everything in memory. */
	dataDir?: string | undefined;
	/** Pool size for PostgreSQL. */
	maxConnections?: number | undefined;
	/**
	 * Send parameterised statements as named prepared statements (PostgreSQL only; default on).
	 * Turn off behind a pooler that cannot keep them, such as PgBouncer before 1.21 in
	 * transaction mode.
	 */
	preparedStatements?: boolean | undefined;
}

/**
 * Opens the database: a `pg` pool when a URL is given, otherwise an embedded PGlite
 * (persisted in `dataDir`) running the very same migrations and queries.
 */
export async function connect(options: ConnectOptions): Promise<Database> {
	if (options.databaseUrl) {
		const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.maxConnections ?? 10 });
		// An idle client that loses its server must not crash the process; the pool replaces it.
		pool.on("error", () => {});
		const dialect = new PostgresDialect({ pool: options.preparedStatements === false ? pool : preparingPool(pool) });
		const db = new Kysely<DB>({ dialect });
		return { db, kind: "postgres", close: () => db.destroy() };
	}
	const dataDir = options.dataDir ?? "memory://";
	if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
	const pglite = await PGlite.create(dataDir, {
		extensions: { pg_trgm },
		parsers: { 20: (value: string) => Number.parseInt(value, 10) },
	});
	const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
	return { db, kind: "pglite", close: () => db.destroy() };
}
