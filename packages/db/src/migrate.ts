import { type Kysely, type MigrationResultSet, Migrator } from "kysely";
import { migrations } from "./migrations/index";
import type { DB } from "./schema";

/** Brings the database to the latest schema. Used by start-up, tests and deploys alike. */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
	});
	const result = await migrator.migrateToLatest();
	if (result.error) {
		const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
		throw new Error(`migration ${failed} failed`, { cause: result.error });
	}
	return result;
}
