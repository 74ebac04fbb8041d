import { mkdirSync } from "node:fs";
import { setImmediate as nextTurn } from "node:timers/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { preparingPool } from "./prepared-statements";
import type { DB } from "./schema";
import { attachTransactionSlots, TransactionSlots, transactionSlotCount } from "./transaction-slots";

// int8 (count(*), identity ids) arrives as a string by default; our values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
// numeric stays a string on purpose: no implicit precision loss.

export type DatabaseKind = "postgres" | "pglite";

export interface Database {
	db: Kysely<DB>;
	kind: DatabaseKind;
	/**
	 * Whether the database answers `select 1` within `timeoutMs`. On PostgreSQL it runs on a
	 * connection of its own, so a pool busy with slow requests does not make the probe wait.
	 */
	ping(timeoutMs: number): Promise<boolean>;
	close(): Promise<void>;
}

/** Server-side limits every pooled connection starts with (PostgreSQL only), in milliseconds. */
export interface DatabaseTimeouts {
	/** Longest a single statement may run (`statement_timeout`). */
	statementMs: number;
	/** Longest a statement waits for a row or table lock (`lock_timeout`). */
	lockMs: number;
	/** An open transaction left idle this long is ended by the server (`idle_in_transaction_session_timeout`). */
	idleInTransactionMs: number;
	/** Longest a request waits for a pooled connection, or for a new one to be established. */
	acquireMs: number;
}

/** The defaults the README's configuration table documents. */
export const DEFAULT_TIMEOUTS: DatabaseTimeouts = {
	statementMs: 30_000,
	lockMs: 5_000,
	idleInTransactionMs: 30_000,
	acquireMs: 5_000,
};

export const DEFAULT_POOL_SIZE = 10;

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
	/** Overrides of DEFAULT_TIMEOUTS (PostgreSQL only). */
	timeouts?: Partial<DatabaseTimeouts> | undefined;
	/** Told about connection errors the pool recovers from by itself (a log line, not a crash). */
	onConnectionError?: ((error: Error) => void) | undefined;
}

/** PGlite's options wherever one is opened: trigram search, and int8 read as numbers. */
export const PGLITE_OPTIONS = {
	extensions: { pg_trgm },
	parsers: { 20: (value: string) => Number.parseInt(value, 10) },
};

/**
 * Opens the database: a `pg` pool when a URL is given, otherwise an embedded PGlite
 * (persisted in `dataDir`) running the very same migrations and queries.
 */
export async function connect(options: ConnectOptions): Promise<Database> {
	if (options.databaseUrl) return connectPostgres(options.databaseUrl, options);
	const dataDir = options.dataDir ?? "memory://";
	if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
	const pglite = await PGlite.create(dataDir, PGLITE_OPTIONS);
	return databaseOverPglite(pglite);
}

/** The Database of an opened PGlite (a data folder, or a test's in-memory copy of the template). */
export function databaseOverPglite(pglite: PGlite): Database {
	const db = new Kysely<DB>({ dialect: new PGliteDialect(lettingIoInBetween(pglite)) });
	return {
		db,
		kind: "pglite",
		// In-process: it is there as long as the process is; a query proves it is not wedged.
		ping: (timeoutMs) =>
			withTimeout(
				pglite.query("select 1").then(() => true),
				timeoutMs,
			),
		close: () => db.destroy(),
	};
}

/** How long PGlite's statements may run back to back before waiting I/O gets a turn. */
const PGLITE_SLICE_MS = 4;

/**
 * PGlite runs every statement on this thread, one at a time. The dialect hands its one
 * connection from statement to statement through promise callbacks, and those all run before
 * the event loop looks at a socket again: under sign-in load a queue of statements held every
 * other request off (a health probe's p99 went to 70–130 ms). So once statements have run
 * back to back for a slice, the next one first lets the I/O that is already waiting run.
 * (Letting it in before every statement cost `me.get` a tenth of its rate and API keys a third.)
 */
function lettingIoInBetween(pglite: PGlite): PGlite {
	// When the current run of statements began; null once the event loop has come round since.
	let runningSince: number | null = null;
	const startRun = () => {
		runningSince = performance.now();
		setImmediate(() => {
			runningSince = null;
		});
	};
	return new Proxy(pglite, {
		get(target, property) {
			if (property === "query") {
				return async (...args: Parameters<PGlite["query"]>) => {
					if (runningSince === null) {
						startRun();
					} else if (performance.now() - runningSince >= PGLITE_SLICE_MS) {
						await nextTurn();
						startRun();
					}
					return target.query(...args);
				};
			}
			const value: unknown = Reflect.get(target, property, target);
			// PGlite's methods use private fields: they must run on the instance itself, not on the proxy.
			return typeof value === "function" ? value.bind(target) : value;
		},
	});
}

/**
 * pg-pool listens for errors only while a client is idle; a client handed out to a query that
 * loses its server emits 'error' with no listener, which would end the process. Every client
 * gets a listener for its whole life: the query in flight still fails with the error, and the
 * pool drops the broken client when it is released.
 */
function surviveServerLoss(pool: pg.Pool, onError: (error: Error) => void): void {
	pool.on("connect", (client) => {
		client.on("error", onError);
	});
	pool.on("error", onError);
}

function connectPostgres(connectionString: string, options: ConnectOptions): Database {
	const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
	const onConnectionError = options.onConnectionError ?? (() => {});
	const poolSize = options.maxConnections ?? DEFAULT_POOL_SIZE;
	const pool = new pg.Pool({
		connectionString,
		max: poolSize,
		connectionTimeoutMillis: timeouts.acquireMs,
		statement_timeout: timeouts.statementMs,
		lock_timeout: timeouts.lockMs,
		idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
		// A server that vanished without closing the socket (a cut network) is noticed, not waited on.
		keepAlive: true,
		keepAliveInitialDelayMillis: 10_000,
	});
	surviveServerLoss(pool, onConnectionError);
	const dialect = new PostgresDialect({ pool: options.preparedStatements === false ? pool : preparingPool(pool) });
	const db = new Kysely<DB>({ dialect });
	attachTransactionSlots(db, new TransactionSlots(transactionSlotCount(poolSize), timeouts.acquireMs));
	const probe = new pg.Pool({
		connectionString,
		max: 1,
		connectionTimeoutMillis: 1_000,
		idleTimeoutMillis: 30_000,
		statement_timeout: 1_000,
	});
	// The probe's failures are its answer (ready or not); the main pool reports connection loss.
	surviveServerLoss(probe, () => {});
	return {
		db,
		kind: "postgres",
		ping: (timeoutMs) =>
			withTimeout(
				probe.query("select 1").then(() => true),
				timeoutMs,
			),
		async close() {
			await Promise.allSettled([db.destroy(), probe.end()]);
		},
	};
}

/** Resolves false once `ms` pass or the check fails; a late answer is ignored. */
function withTimeout(check: Promise<boolean>, ms: number): Promise<boolean> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), ms);
		check.then(
			(ok) => {
				clearTimeout(timer);
				resolve(ok);
			},
			() => {
				clearTimeout(timer);
				resolve(false);
			},
		);
	});
}
