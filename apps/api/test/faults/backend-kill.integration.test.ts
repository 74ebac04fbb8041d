import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../src/testing";
import {
	captureEscapedErrors,
	describeWithPrivatePostgres,
	type Outcome,
	outcomeOf,
	PRIVATE_POSTGRES_HOOK_TIMEOUT_MS,
	signedIn,
	sleep,
	tally,
	UNAVAILABLE_MESSAGE,
} from "./harness";

const STREAM_MS = 6_000;

describeWithPrivatePostgres("backends killed while an administrator edits a user", (postgres) => {
	let server: TestServer;
	// A pg client losing its server with no 'error' listener would throw here, not in a request.
	const escaped = captureEscapedErrors();
	beforeAll(async () => {
		server = await startTestServer({ database: { adminUrl: postgres().adminUrl } });
	}, PRIVATE_POSTGRES_HOOK_TIMEOUT_MS);
	afterAll(async () => {
		await server?.close();
	});

	it("answers every failed call as retryable and never leaves a half-written user", { timeout: 60_000 }, async () => {
		const adminUser = await server.seedUser({ roles: [{ key: "tenant_admin" }] });
		const { client: admin } = await signedIn(server, adminUser);
		const target = await server.seedUser({ firstName: "First0", lastName: "Last0" });
		const initialVersion = (await admin.users.get.query({ userId: target.id })).version;
		const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(server.db);
		const database = rows[0]?.name ?? "";
		expect(database).toMatch(/^tessera_test_/);

		let streaming = true;
		let kills = 0;
		let killRounds = 0;
		// Another connection, terminating every backend of the test database again and again at
		// random moments: some land mid-transaction, some on idle pooled connections.
		const killer = (async () => {
			while (streaming) {
				kills += await postgres().terminateBackends(database);
				killRounds++;
				await sleep(Math.random() * 40);
			}
		})();

		let version = initialVersion;
		const succeeded: number[] = [];
		const failed: { n: number; outcome: Outcome<unknown> & { ok: false } }[] = [];
		const deadline = performance.now() + STREAM_MS;
		for (let n = 1; performance.now() < deadline; n++) {
			// A matching pair: a row with First7 and Last6 would be a torn write.
			const outcome = await outcomeOf(() =>
				admin.users.update.mutate({ userId: target.id, version, firstName: `First${n}`, lastName: `Last${n}` }),
			);
			if (outcome.ok) {
				succeeded.push(n);
				version = outcome.value.version;
				expect(outcome.value).toMatchObject({ firstName: `First${n}`, lastName: `Last${n}` });
			} else {
				failed.push({ n, outcome });
				// Only after a commit whose answer was lost (see below): the error names the version now.
				const current = (outcome.error as { data?: { currentVersion?: number | null } }).data?.currentVersion;
				if (outcome.domainCode === "USER.VERSION_CONFLICT" && typeof current === "number") version = current;
			}
		}
		streaming = false;
		await killer;

		const counts = tally([...failed.map((f) => f.outcome), ...succeeded.map(() => ({ ok: true }) as Outcome<unknown>)]);
		console.log(
			`backend kills: ${kills} backends in ${killRounds} rounds; ${succeeded.length + failed.length} updates:`,
			counts,
		);
		// The kills must have really hit requests, and requests must have got through between them.
		expect(failed.length, JSON.stringify(counts)).toBeGreaterThan(5);
		expect(succeeded.length, JSON.stringify(counts)).toBeGreaterThan(5);
		for (const { outcome } of failed) {
			expect(outcome.code).not.toBe("INTERNAL_SERVER_ERROR");
			if (outcome.domainCode === "DB.UNAVAILABLE") {
				expect(outcome.code).toBe("SERVICE_UNAVAILABLE");
				expect(outcome.message).toBe(UNAVAILABLE_MESSAGE);
			} else {
				// A stale version (after a lost answer) or a lock/deadlock that outlived its retries.
				expect(["USER.VERSION_CONFLICT", "DB.BUSY"], `${outcome.code}: ${outcome.message}`).toContain(
					outcome.domainCode,
				);
				expect(outcome.code).toBe("CONFLICT");
			}
		}

		// The next request after the kills works, on the same server process.
		const after = await admin.users.update.mutate({
			userId: target.id,
			version,
			firstName: "FirstLast",
			lastName: "LastLast",
		});
		succeeded.push(Number.POSITIVE_INFINITY);
		expect(after.version).toBe(version + 1);
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

		const row = await server.db
			.selectFrom("users")
			.select(["first_name", "last_name", "version"])
			.where("id", "=", target.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ first_name: "FirstLast", last_name: "LastLast" });
		const audits = await server.db
			.selectFrom("audit_events")
			.select("details")
			.where("target_user_id", "=", target.id)
			.where("action", "=", "user.updated")
			.orderBy("id")
			.execute();
		type Changes = { changes: Record<string, { from: unknown; to: unknown }> };
		const changes = audits.map((a) => (a.details as Changes).changes);
		// Every audit row records one whole change: both names moved together, from the pair before.
		let previous = { first: "First0", last: "Last0" };
		const audited: number[] = [];
		for (const change of changes) {
			expect(change.first_name?.from).toBe(previous.first);
			expect(change.last_name?.from).toBe(previous.last);
			const first = String(change.first_name?.to);
			const last = String(change.last_name?.to);
			expect(first.replace("First", "")).toBe(last.replace("Last", ""));
			audited.push(first === "FirstLast" ? Number.POSITIVE_INFINITY : Number(first.replace("First", "")));
			previous = { first, last };
		}
		// A commit the server completed just as its connection was terminated reaches the client as
		// a lost connection: the client cannot know, which is why the answer says "try again" and
		// the next edit names its version. Such a change is whole and audited, never half-done.
		const inDoubt = audited.filter((n) => !succeeded.includes(n));
		for (const n of inDoubt) {
			expect(failed.find((f) => f.n === n)?.outcome.domainCode).toBe("DB.UNAVAILABLE");
		}
		if (inDoubt.length > 0) console.log(`commits whose answer was lost to a kill: ${inDoubt.length}`);
		expect(audited.filter((n) => succeeded.includes(n))).toEqual(succeeded);
		expect(row.version).toBe(initialVersion + succeeded.length + inDoubt.length);
		expect(audits).toHaveLength(row.version - initialVersion);
		expect(escaped).toEqual([]);
	});
});
