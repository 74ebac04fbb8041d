import { type Kysely, sql } from "kysely";
import type { DB } from "./schema";

/**
 * Runs `work` on one connection with the request limits lifted (`statement_timeout` and
 * `lock_timeout` 0), and puts them back afterwards: for the few jobs that are meant to take
 * long, such as building an index over a million users or inserting benchmark batches, and for
 * the migrator, whose lock wait is the point (a second server starting at once waits its turn).
 * RESET returns to the connection's startup values, so the pooled connection is as it was.
 */
export async function withoutRequestTimeouts<T>(
	db: Kysely<DB>,
	work: (connection: Kysely<DB>) => Promise<T>,
): Promise<T> {
	return db.connection().execute(async (connection) => {
		await sql`set statement_timeout = 0`.execute(connection);
		await sql`set lock_timeout = 0`.execute(connection);
		try {
			return await work(connection);
		} finally {
			await sql`reset statement_timeout`.execute(connection);
			await sql`reset lock_timeout`.execute(connection);
		}
	});
}
