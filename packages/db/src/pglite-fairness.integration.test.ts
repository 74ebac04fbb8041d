import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { connect } from "./client";

// PGlite whatever DATABASE_URL says: this is about the embedded database's own behaviour.
describe("the embedded PGlite", () => {
	it("lets waiting callbacks run between queued statements, so one burst of queries cannot hold off other requests", async () => {
		const database = await connect({});
		try {
			let finished = 0;
			// Each takes a few milliseconds, so the statements together hold the thread for a while.
			const statements = Array.from({ length: 50 }, () =>
				sql`select count(*) from generate_series(1, 20000)`.execute(database.db).then(() => {
					finished++;
				}),
			);
			// Stands for a request arriving meanwhile: a callback queued behind the statements' start.
			const ranAfter = new Promise<number>((resolve) => setImmediate(() => resolve(finished)));
			await Promise.all(statements);
			expect(finished).toBe(50);
			// Handing the connection on through promise callbacks alone ran all 50 first.
			expect(await ranAfter).toBeLessThan(10);
		} finally {
			await database.close();
		}
	});
});
