/** `pnpm --filter @tessera/db migrate`: brings DATABASE_URL (or the embedded database) to the latest schema. */
import { connect } from "../client";
import { migrateToLatest } from "../migrate";

const database = await connect({
	databaseUrl: process.env.DATABASE_URL,
	dataDir: process.env.TESSERA_DATA_DIR ?? ".data/pglite",
});
try {
	const result = await migrateToLatest(database.db);
	const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
	console.log(applied.length > 0 ? `applied: ${applied.join(", ")}` : "already at the latest schema");
} finally {
	await database.close();
}
