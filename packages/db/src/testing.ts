import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { Kysely } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { type ConnectOptions, connect, type Database, databaseOverPglite, PGLITE_OPTIONS } from "./client";
import { migrateToLatest } from "./migrate";
import type { DB } from "./schema";

/**
 * Booting PGlite and migrating takes ~10 s; loading a dumped, migrated data folder ~1 s.
 * The dump is cached in the OS temp folder under a hash of the migration sources, so a
 * changed migration builds a new template and a stale one is never used.
 */
async function loadMigratedPgliteTemplate(): Promise<Blob> {
	const folder = fileURLToPath(new URL("./migrations/", import.meta.url));
	const hash = createHash("sha256");
	for (const file of readdirSync(folder).sort()) hash.update(file).update(readFileSync(join(folder, file)));
	const path = join(tmpdir(), `tessera-pglite-template-${hash.digest("hex").slice(0, 16)}.tar`);
	try {
		return new Blob([readFileSync(path)]);
	} catch {
		const pglite = await PGlite.create("memory://", PGLITE_OPTIONS);
		const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
		await migrateToLatest(db);
		const dump = await pglite.dumpDataDir("none");
		await db.destroy();
		// Parallel test workers may race here; write-then-rename keeps every reader's file whole.
		const partial = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
		writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
		renameSync(partial, path);
		return dump;
	}
}

export interface TestDatabase extends Database {
	/** Closes the connection and drops the database (PostgreSQL) or frees the memory (PGlite). */
	destroy(): Promise<void>;
}

export interface TestDatabaseOptions {
	/**
	 * The server to create the database on (its admin connection string); defaults to
	 * `DATABASE_URL`. Fault tests pass their private instance here.
	 */
	adminUrl?: string | undefined;
	/** Pool settings for the test's own connection (PostgreSQL only). */
	connection?: Pick<ConnectOptions, "maxConnections" | "timeouts" | "onConnectionError" | "preparedStatements">;
}

/**
 * A fresh, migrated database owned by one test file. With `DATABASE_URL` set it is a uniquely
 * named database on that server, dropped afterwards, so parallel runs never collide; without it,
 * an in-memory PGlite.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
	const adminUrl = options.adminUrl ?? process.env.DATABASE_URL;
	if (!adminUrl) {
		const pglite = await PGlite.create({ loadDataDir: await loadMigratedPgliteTemplate(), ...PGLITE_OPTIONS });
		const database = databaseOverPglite(pglite);
		// Run the migrator anyway: a no-op on a current template, and a guard if it ever is not.
		await migrateToLatest(database.db);
		return { ...database, destroy: database.close };
	}
	const name = `tessera_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const database = await connect({
		...options.connection,
		maxConnections: options.connection?.maxConnections ?? 20,
		databaseUrl: url.toString(),
	});
	await migrateToLatest(database.db);
	return {
		...database,
		async destroy() {
			await database.close();
			const client = new pg.Client({ connectionString: adminUrl });
			await client.connect();
			try {
				await client.query(`drop database if exists ${name} with (force)`);
			} finally {
				await client.end();
			}
		},
	};
}
