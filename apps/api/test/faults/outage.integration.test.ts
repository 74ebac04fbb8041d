import { hashSessionToken } from "@tessera/core/auth/session.service";
import { enqueueMessage } from "@tessera/core/messaging/outbox.service";
import { createOutboxWorker, type OutboxLogger } from "@tessera/core/messaging/outbox.worker";
import type { OutgoingMessage } from "@tessera/core/messaging/transports/transport";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type SeededUser, startTestServer, type TestServer } from "../../src/testing";
import {
	captureEscapedErrors,
	describeWithPrivatePostgres,
	type Outcome,
	outcomeOf,
	PRIVATE_POSTGRES_HOOK_TIMEOUT_MS,
	percentile,
	sessionTokenIn,
	signedIn,
	sleep,
	tally,
	UNAVAILABLE_MESSAGE,
} from "./harness";

const OUTAGE_MS = 20_000;
const RECOVERY_LIMIT_MS = 10_000;

/** Where the database was when a request started or ended. */
type Phase = "up" | "stopping" | "down" | "starting" | "recovered";

interface Attempt {
	kind: "signIn" | "list" | "readyz" | "healthz";
	startedIn: Phase;
	endedIn: Phase;
	startedAt: number;
	endedAt: number;
	outcome: Outcome<unknown>;
	/** The session a successful sign-in was given. */
	sessionToken?: string | undefined;
}

describeWithPrivatePostgres("a database outage of 20 seconds", (postgres) => {
	let server: TestServer;
	let admin: SeededUser;
	let signer: SeededUser;
	const escaped = captureEscapedErrors();
	beforeAll(async () => {
		server = await startTestServer({ database: { adminUrl: postgres().adminUrl } });
		admin = await server.seedUser({ roles: [{ key: "tenant_admin" }] });
		signer = await server.seedUser();
	}, PRIVATE_POSTGRES_HOOK_TIMEOUT_MS);
	afterAll(async () => {
		await server?.close();
	});

	it("answers fast and retryably while the database is down, and recovers without a restart", {
		timeout: 90_000,
	}, async () => {
		let phase: Phase = "up";
		const attempts: Attempt[] = [];
		let running = true;
		const record = async (kind: Attempt["kind"], call: () => Promise<unknown>, token?: () => string | undefined) => {
			const startedIn = phase;
			const startedAt = performance.now();
			const outcome = await outcomeOf(call);
			attempts.push({
				kind,
				startedIn,
				endedIn: phase,
				startedAt,
				endedAt: performance.now(),
				outcome,
				sessionToken: token?.(),
			});
		};
		const loop = async (body: () => Promise<void>) => {
			while (running) {
				await body();
				await sleep(25);
			}
		};
		const { cookies: adminCookies } = await signedIn(server, admin);
		const probe = (path: string) => async () => {
			const response = await fetch(`${server.url}${path}`);
			if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
		};
		const signIn = async () => {
			// A fresh cookie jar per attempt, like a new browser: whatever session it gets is its own.
			const cookies = new Map<string, string>();
			const client = server.client(cookies);
			await record(
				"signIn",
				() => client.auth.signIn.mutate({ tenant: signer.tenantSlug, email: signer.email, password: signer.password }),
				() => sessionTokenIn(cookies),
			);
		};
		const lister = server.client(adminCookies);
		const otherLister = server.client(adminCookies);

		// The outbox worker shares the server's database; it must ride out the outage on its own.
		const delivered: OutgoingMessage[] = [];
		const workerErrors: { at: number; phase: Phase }[] = [];
		const logger: OutboxLogger = {
			info() {},
			warn() {},
			error() {
				workerErrors.push({ at: performance.now(), phase });
			},
		};
		const worker = createOutboxWorker({
			db: server.db,
			clock: server.clock,
			transport: {
				async send(message) {
					delivered.push(message);
				},
			},
			sendTimeoutMs: 1_000,
			leaseMs: 10_000,
			logger,
		});
		const queue = (recipient: string) =>
			enqueueMessage(server.db, server.clock, {
				tenantId: signer.tenantId,
				userId: null,
				channel: "email",
				recipient,
				template: "account_locked",
				params: { minutes: 30 },
				language: null,
			});
		const deliveredTo = async (recipient: string, withinMs: number) => {
			const deadline = performance.now() + withinMs;
			while (!delivered.some((m) => m.recipient === recipient) && performance.now() < deadline) await sleep(50);
			return delivered.some((m) => m.recipient === recipient);
		};
		worker.start(100);
		await queue("before@example.com");
		expect(await deliveredTo("before@example.com", 5_000)).toBe(true);

		const loops = Promise.all([
			loop(signIn),
			loop(signIn),
			loop(() => record("list", () => lister.users.list.query({ limit: 10 }))),
			loop(() => record("list", () => otherLister.users.list.query({ limit: 10 }))),
			loop(() => record("readyz", probe("/readyz"))),
			loop(() => record("healthz", probe("/healthz"))),
		]);
		try {
			await sleep(1_500);
			phase = "stopping";
			await postgres().stop();
			phase = "down";
			await sleep(OUTAGE_MS);
			phase = "starting";
			const startAt = performance.now();
			await postgres().start();
			phase = "recovered";
			const upAt = performance.now();
			// Recovered once both kinds of request succeed again, each started after the restart.
			const recoveredAt = async (kind: Attempt["kind"]) => {
				for (;;) {
					const success = attempts.find((a) => a.kind === kind && a.startedIn === "recovered" && a.outcome.ok);
					if (success) return success.endedAt;
					if (performance.now() - upAt > RECOVERY_LIMIT_MS + 1_000) return Number.POSITIVE_INFINITY;
					await sleep(20);
				}
			};
			const recovery = Math.max(await recoveredAt("signIn"), await recoveredAt("list"), await recoveredAt("readyz"));
			console.log(
				`outage ${OUTAGE_MS} ms: requests succeed again ${(recovery - upAt).toFixed(0)} ms after PostgreSQL ` +
					`accepted connections (${(recovery - startAt).toFixed(0)} ms after it was started)`,
			);
			expect(recovery - upAt).toBeLessThan(RECOVERY_LIMIT_MS);
			await sleep(1_000);
		} finally {
			running = false;
			await loops;
		}

		// Outbox: it kept trying through the outage, and delivers what is queued after it.
		await queue("after@example.com");
		expect(await deliveredTo("after@example.com", 5_000)).toBe(true);
		await worker.stop();
		const workerErrorsWhileDown = workerErrors.filter((e) => e.phase === "down").length;
		expect(workerErrorsWhileDown, "the worker's loop kept running during the outage").toBeGreaterThan(
			OUTAGE_MS / 1_000,
		);
		expect(workerErrors.filter((e) => e.phase === "recovered").length).toBeLessThan(5);

		const down = attempts.filter((a) => a.startedIn === "down" && a.endedIn === "down");
		const api = (list: Attempt[]) => list.filter((a) => a.kind === "signIn" || a.kind === "list");
		const downApi = api(down);
		const maxDownMs = Math.max(...down.map((a) => a.outcome.ms));
		console.log(
			`during the outage: ${downApi.length} API calls ${JSON.stringify(tally(downApi.map((a) => a.outcome)))}, ` +
				`latency p50 ${percentile(
					downApi.map((a) => a.outcome.ms),
					50,
				).toFixed(1)} ms, max ${maxDownMs.toFixed(1)} ms (readyz and healthz included); ` +
				`outbox worker runs failed while down: ${workerErrorsWhileDown}`,
		);
		expect(downApi.filter((a) => a.kind === "signIn").length).toBeGreaterThan(20);
		expect(downApi.filter((a) => a.kind === "list").length).toBeGreaterThan(20);
		// Never a hang: every answer within a second.
		expect(maxDownMs).toBeLessThan(1_000);
		for (const attempt of downApi) {
			expect(attempt.outcome).toMatchObject({
				ok: false,
				code: "SERVICE_UNAVAILABLE",
				domainCode: "DB.UNAVAILABLE",
				message: UNAVAILABLE_MESSAGE,
			});
		}
		const readyz = down.filter((a) => a.kind === "readyz");
		expect(readyz.length).toBeGreaterThan(10);
		for (const attempt of readyz) expect(attempt.outcome).toMatchObject({ ok: false, message: "Error: HTTP 503" });
		// Liveness never depended on the database.
		const healthz = attempts.filter((a) => a.kind === "healthz");
		expect(healthz.length).toBeGreaterThan(20);
		expect(healthz.filter((a) => !a.outcome.ok)).toEqual([]);
		// Whatever overlapped the stop or the start either worked or said the database is away.
		// It may also have waited for the server's own shutdown or start-up to reach its
		// connection, which is not ours to speed up: bounded, but looser than the outage itself.
		for (const attempt of api(attempts)) {
			if (attempt.outcome.ok) continue;
			expect(attempt.outcome).toMatchObject({ code: "SERVICE_UNAVAILABLE", domainCode: "DB.UNAVAILABLE" });
			expect(attempt.outcome.ms).toBeLessThan(2_500);
		}

		// No session was issued while down; afterwards the table holds exactly the sessions of
		// the sign-ins that answered "signed in".
		const signIns = attempts.filter((a) => a.kind === "signIn");
		for (const attempt of signIns.filter((a) => !a.outcome.ok)) expect(attempt.sessionToken).toBeUndefined();
		const issued = signIns.filter((a) => a.outcome.ok).map((a) => hashSessionToken(a.sessionToken ?? ""));
		expect(issued.length).toBeGreaterThan(5);
		const stored = await server.db
			.selectFrom("sessions")
			.select("token_hash")
			.where("user_id", "=", signer.id)
			.execute();
		expect(stored.map((s) => s.token_hash).sort()).toEqual([...issued].sort());
		expect(escaped).toEqual([]);
	});
});
