import { type Kysely, type MigrationResultSet, Migrator } from "kysely";
import { withoutRequestTimeouts } from "./long-running";
import { migrations } from "./migrations/index";
import type { DB } from "./schema";

/**
 * Brings the database to the latest schema. Used by start-up, tests and deploys alike.
 *
 * It runs with the request timeouts lifted (see `withoutRequestTimeouts`).
 */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet> {
	const result = await withoutRequestTimeouts(db, (connection) =>
		new Migrator({ db: connection, provider: { getMigrations: async () => migrations } }).migrateToLatest(),
	);
	if (result.error) {
		const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
		throw new Error(`migration ${failed} failed`, { cause: result.error });
	}
	return result;
}
