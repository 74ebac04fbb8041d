import type { PrivatePostgres } from "@tessera/db/private-postgres";
import { transactionSlotCount } from "@tessera/db/transaction-slots";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type SeededUser, startTestServer, type TestClient, type TestServer } from "../../src/testing";
import {
	describeWithPrivatePostgres,
	outcomeOf,
	PRIVATE_POSTGRES_HOOK_TIMEOUT_MS,
	percentile,
	signedIn,
	sleep,
	tally,
} from "./harness";

const LOCK_MS = 1_500;
const POOL_SIZE = 10;
/** core's default wait for a transaction slot (DEFAULT_TIMEOUTS.acquireMs). */
const ACQUIRE_MS = 5_000;
const SLOTS = transactionSlotCount(POOL_SIZE);

describeWithPrivatePostgres("a user row locked by someone else", (postgres) => {
	let server: TestServer;
	let database: string;
	let admin: TestClient;
	/** One client per call: a single client batches concurrent calls into one HTTP request. */
	let adminCall: () => TestClient;
	let bystander: TestClient;
	beforeAll(async () => {
		server = await startTestServer({
			database: {
				adminUrl: postgres().adminUrl,
				connection: { maxConnections: POOL_SIZE, timeouts: { lockMs: LOCK_MS } },
			},
		});
		const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(server.db);
		database = rows[0]?.name ?? "";
		const signedInAdmin = await signedIn(server, await server.seedUser({ roles: [{ key: "tenant_admin" }] }));
		admin = signedInAdmin.client;
		adminCall = () => server.client(signedInAdmin.cookies);
		bystander = (await signedIn(server, await server.seedUser())).client;
	}, PRIVATE_POSTGRES_HOOK_TIMEOUT_MS);
	afterAll(async () => {
		await server?.close();
	});

	/** `select … for update` on the user from a connection outside the server's pool, kept open. */
	async function lockRow(user: SeededUser): Promise<Awaited<ReturnType<PrivatePostgres["client"]>>> {
		const holder = await postgres().client(database);
		await holder.query("begin");
		await holder.query("select id from users where id = $1 for update", [user.id]);
		return holder;
	}

	async function writesOf(user: SeededUser) {
		const row = await server.db
			.selectFrom("users")
			.select(["version", "first_name"])
			.where("id", "=", user.id)
			.executeTakeFirstOrThrow();
		const audits = await server.db
			.selectFrom("audit_events")
			.select((eb) => eb.fn.countAll<number>().as("n"))
			.where("target_user_id", "=", user.id)
			.executeTakeFirstOrThrow();
		return { ...row, audits: audits.n };
	}

	/** While `parked` runs, other people's requests and the readiness probe keep answering at once. */
	async function othersAnswerWhile(parked: Promise<unknown>): Promise<number[]> {
		let done = false;
		void parked.finally(() => {
			done = true;
		});
		const latencies: number[] = [];
		await sleep(200);
		while (!done) {
			const me = await outcomeOf(() => bystander.me.get.query());
			expect(me.ok).toBe(true);
			const ready = await outcomeOf(() => fetch(`${server.url}/readyz`));
			expect(ready.ok && ready.value.status).toBe(200);
			latencies.push(me.ms, ready.ms);
			await sleep(100);
		}
		return latencies;
	}

	it("ends each parked update at the lock timeout as CONFLICT, writing nothing, while others are served", {
		timeout: 30_000,
	}, async () => {
		const target = await server.seedUser({ firstName: "Before" });
		const { version } = await admin.users.get.query({ userId: target.id });
		const before = await writesOf(target);
		const holder = await lockRow(target);
		try {
			const calls = 12;
			const parked = Promise.all(
				Array.from({ length: calls }, (_, i) =>
					outcomeOf(() => adminCall().users.update.mutate({ userId: target.id, version, firstName: `Parked${i}` })),
				),
			);
			const othersMs = await othersAnswerWhile(parked);
			const outcomes = await parked;
			const ms = outcomes.map((o) => o.ms);
			console.log(
				`lock timeout ${LOCK_MS} ms, ${calls} parked updates, ${SLOTS} transaction slots: answered in ` +
					`p50 ${percentile(ms, 50).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms; ` +
					`meanwhile me.get and /readyz max ${Math.max(...othersMs).toFixed(0)} ms (${othersMs.length} calls)`,
			);
			expect(tally(outcomes)).toEqual({ "CONFLICT/DB.BUSY": calls });
			for (const outcome of outcomes) expect(outcome.ok || outcome.message).toMatch(/nothing was saved/);
			// lock_timeout bounds each lock wait, not the statement: the first waiter holds the row's
			// tuple lock while it waits for the holder's transaction, the others queue for that tuple
			// lock, and one of them may be handed it just as its own wait ends, then waits once more.
			// So most end at the lock timeout, and none later than its slot wait plus two lock waits.
			const sorted = [...ms].sort((a, b) => a - b);
			for (const t of sorted) expect(t).toBeGreaterThanOrEqual(LOCK_MS - 50);
			for (const t of sorted.slice(0, SLOTS - 1)) expect(t).toBeLessThan(LOCK_MS + 1_000);
			expect(sorted.at(-1)).toBeLessThan(3 * LOCK_MS + 1_000);
			expect(othersMs.length).toBeGreaterThan(4);
			expect(Math.max(...othersMs)).toBeLessThan(1_000);
			expect(await writesOf(target)).toEqual(before);
		} finally {
			await holder.query("rollback");
			await holder.end();
		}
		const after = await admin.users.update.mutate({ userId: target.id, version, firstName: "After" });
		expect(after).toMatchObject({ version: version + 1, firstName: "After" });
		expect(await writesOf(target)).toEqual({ version: version + 1, first_name: "After", audits: before.audits + 1 });
	});

	it("answers updates that get no transaction slot in time as CONFLICT too, not as an outage", {
		timeout: 30_000,
	}, async () => {
		const target = await server.seedUser();
		const { version } = await admin.users.get.query({ userId: target.id });
		const before = await writesOf(target);
		const holder = await lockRow(target);
		try {
			// Every slot stays taken for at least the lock timeout, so within the 5 s slot wait at
			// most four waves of SLOTS get one (at 0, ≥1.5, ≥3, ≥4.5 s): at least SLOTS of these
			// calls must give up waiting for a slot, and that too is contention, not an outage.
			const calls = 5 * SLOTS;
			const outcomes = await Promise.all(
				Array.from({ length: calls }, () =>
					outcomeOf(() => adminCall().users.update.mutate({ userId: target.id, version })),
				),
			);
			const ms = outcomes.map((o) => o.ms);
			console.log(
				`${calls} parked updates (slot wait ${ACQUIRE_MS} ms): p50 ${percentile(ms, 50).toFixed(0)} ms, ` +
					`max ${Math.max(...ms).toFixed(0)} ms`,
			);
			expect(tally(outcomes)).toEqual({ "CONFLICT/DB.BUSY": calls });
			expect(Math.max(...ms)).toBeLessThan(ACQUIRE_MS + 2 * LOCK_MS + 1_000);
			expect(await writesOf(target)).toEqual(before);
		} finally {
			await holder.query("rollback");
			await holder.end();
		}
		expect((await admin.users.update.mutate({ userId: target.id, version })).version).toBe(version + 1);
	});
});
