import { TestClock } from "@tessera/core/shared/clock";
import { createTenant } from "@tessera/core/tenants/tenant.service";
import { createTestDatabase, type TestDatabase } from "@tessera/db/testing";
import type { FastifyBaseLogger } from "fastify";
import { afterAll, expect, it } from "vitest";
import { type Jobs, startJobs } from "../../src/jobs";
import { describeWithPrivatePostgres, sleep } from "./harness";

/** Collects what the jobs log, as Fastify's pino logger would receive it. */
function recordingLogger() {
	const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
	const at =
		(level: string) =>
		(fields: Record<string, unknown>, message = "") => {
			lines.push({ level, message, fields });
		};
	const logger = { info: at("info"), warn: at("warn"), error: at("error") } as unknown as FastifyBaseLogger;
	return { logger, lines };
}

describeWithPrivatePostgres("housekeeping through a database outage", (postgres) => {
	let database: TestDatabase;
	let jobs: Jobs | undefined;
	afterAll(async () => {
		await jobs?.stop();
		await database?.destroy();
	});

	it("keeps running while PostgreSQL is down, and purges what is due soon after it is back", async () => {
		database = await createTestDatabase({
			adminUrl: postgres().adminUrl,
			connection: { maxConnections: 4, timeouts: { acquireMs: 500 } },
		});
		const clock = new TestClock(new Date());
		const { id: tenantId } = await createTenant({ db: database.db }, { slug: "jobs", name: "Jobs Inc." });
		const { logger, lines } = recordingLogger();

		// A user whose purge date has passed. Created before the outage: a run that succeeds the
		// moment the server is back would otherwise find nothing and wait out the hourly interval.
		const due = await database.db
			.insertInto("users")
			.values({
				tenant_id: tenantId,
				state: "deleting",
				email: "due@example.com",
				email_verified: true,
				first_name: "Due",
				last_name: "Forpurge",
				planned_purge_at: new Date(clock.now().getTime() - 60_000),
			})
			.returning("id")
			.executeTakeFirstOrThrow();

		await postgres().stop();
		jobs = startJobs({ db: database.db, clock, logger, intervalMs: 3_600_000, retryMs: 300 });
		// Several runs fail while the server is away; each is logged, none ends the loop.
		await sleep(1_500);
		const failures = lines.filter((line) => line.message === "housekeeping job failed");
		expect(failures.length).toBeGreaterThanOrEqual(3);

		await postgres().start();

		// The run after a failed one comes after `retryMs`, not after the hourly interval. The run
		// logs its summary only after its last step, which comes after the purge has committed, so
		// both are awaited: a user seen deleted does not yet mean the line has been written.
		const reported = () => lines.some((line) => line.message === "housekeeping done" && line.fields.purged === 1);
		const deadline = performance.now() + 10_000;
		let state: string | undefined;
		while (performance.now() < deadline) {
			state = (await database.db.selectFrom("users").select("state").where("id", "=", due.id).executeTakeFirst())
				?.state;
			if (state === "deleted" && reported()) break;
			await sleep(100);
		}
		expect(state).toBe("deleted");
		expect(reported()).toBe(true);
	}, 60_000);
});
