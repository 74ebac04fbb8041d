/**
 * `pnpm --filter @tessera/db bulk -- <count> [tenant-slug]`: inserts synthetic users for benchmarks
 * into an existing tenant (created, without roles, if missing). Prints progress and the rate.
 */

import { insertBulkUsers } from "../bulk";
import { connect } from "../client";
import { migrateToLatest } from "../migrate";

const count = Number.parseInt(process.argv[2] ?? "1000000", 10);
const slug = process.argv[3] ?? "bulk";
if (!Number.isInteger(count) || count < 1) throw new Error("usage: bulk <count> [tenant-slug]");

const database = await connect({
	databaseUrl: process.env.DATABASE_URL,
	dataDir: process.env.TESSERA_DATA_DIR ?? ".data/pglite",
});
try {
	await migrateToLatest(database.db);
	const tenant =
		(await database.db.selectFrom("tenants").select("id").where("slug", "=", slug).executeTakeFirst()) ??
		(await database.db.insertInto("tenants").values({ slug, name: slug }).returning("id").executeTakeFirstOrThrow());
	const started = performance.now();
	await insertBulkUsers(database.db, tenant.id, count, {
		onProgress: (done) => process.stdout.write(`\r${done.toLocaleString("en")} / ${count.toLocaleString("en")} users`),
	});
	const seconds = (performance.now() - started) / 1000;
	console.log(
		`\ninserted ${count.toLocaleString("en")} users in ${seconds.toFixed(1)} s (${Math.round(count / seconds).toLocaleString("en")} users/s)`,
	);
} finally {
	await database.close();
}
