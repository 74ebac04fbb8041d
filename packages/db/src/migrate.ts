import { type Kysely, type MigrationResultSet, Migrator, sql } from "kysely";
import { migrations } from "./migrations/index";
import type { DB } from "./schema";

/**
 * Brings the database to the latest schema. Used by start-up, tests and deploys alike.
 *
 * It runs on one connection with the request timeouts lifted: building an index over a million
 * users may take longer than any request is allowed to, and the migrator's lock wait is the
 * point (a second server starting at the same time waits its turn instead of failing).
 */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet> {
	const result = await db.connection().execute(async (connection) => {
		await sql`set statement_timeout = 0`.execute(connection);
		await sql`set lock_timeout = 0`.execute(connection);
		try {
			const migrator = new Migrator({ db: connection, provider: { getMigrations: async () => migrations } });
			return await migrator.migrateToLatest();
		} finally {
			await sql`reset statement_timeout`.execute(connection);
			await sql`reset lock_timeout`.execute(connection);
		}
	});
	if (result.error) {
		const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
		throw new Error(`migration ${failed} failed`, { cause: result.error });
	}
	return result;
}
