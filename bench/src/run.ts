/**
 * Load benchmark for the Tessera API.
 *
 * Starts the real API (`apps/api/src/main.ts`) in a child process over a fresh database, signs in
 * as the demo admin, then drives it with autocannon from this process:
 *   1. GET  /trpc/auth.config  (tRPC without the database: the yardstick of the ratios below)
 *   2. GET  /trpc/me.get       (an authenticated read: session lookup + profile query), each
 *      connection with a session of its own, of users holding the demo admin's roles
 *   3. GET  /trpc/me.get       with `Authorization: Bearer tsk_…` (application users' API keys,
 *      issued through the API by the demo admin, one per connection: key lookup + profile query)
 *   4. POST /trpc/auth.signIn  (argon2id verification + session insert + audit), while probing
 *      GET /healthz every 50 ms to show the event loop stays responsive during hashing. Just
 *      before it, this process measures the one-thread argon2id ceiling (bench/src/argon2.ts)
 *      with the API idle, so sign-in is compared with a ceiling of the same moment.
 * Sign-in load goes round-robin over 16 added users sharing the demo admin's password, each
 * request from a new synthetic client address (X-Forwarded-For; the bench is configured as the
 * trusted proxy), so the per-user lockout budget and the per-address throttle stay out of it.
 * Prints figures, the ratios issue 11 sets (me/config and key/config ≥ 0.6, sign-in ≥ 0.8 × the
 * argon2id ceiling, /healthz p99 during sign-in, and on PGlite me.get p99 ≤ 250 ms) and the load
 * average at the end of each phase. Exits 0 whatever the figures (a benchmark reports, it does not
 * judge); exits 1 only if the server could not be started or the bench itself failed.
 *
 * Environment:
 *   DATABASE_URL        PostgreSQL server to use (a fresh `tessera_bench_<random>` database is
 *                       created there and dropped at the end). Without it: a temporary PGlite dir.
 *   BENCH_DURATION      seconds per load phase (default 10)
 *   BENCH_CONNECTIONS   connections for the `me.get` phase (default 50)
 *   BENCH_SIGNIN_CONNECTIONS  connections for the sign-in phase (default 16)
 *   BENCH_WAIT_IDLE     wait up to this many seconds for the machine to be idle (≤ 15% busy) first
 *   BENCH_API_MAIN      run this main.ts instead of apps/api/src/main.ts (a patched copy, for experiments)
 *   BENCH_NODE_ARGS     extra Node flags for the API child, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
 *   BENCH_PHASES        comma list of phases to run, in order (default "config,me,key,signin");
 *                       also known: "healthz" (GET /healthz: Fastify alone), to split me.get's
 *                       cost into its layers
 *   BENCH_BASELINE=1    shorthand for BENCH_PHASES=healthz,config,me,key,signin
 *   BENCH_ARGON2_SECONDS  seconds the argon2id ceiling is measured for (default 3)
 *   BENCH_JSON          write the figures as JSON to this file as well
 * Any other variable (UV_THREADPOOL_SIZE, NODE_ENV…) is passed through to the API child.
 *
 * All traffic goes to 127.0.0.1 only, and every phase is bounded in time.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { connect } from "@tessera/db/client";
import autocannon from "autocannon";
import { sql } from "kysely";
import { type Argon2Figure, measureArgon2Ceiling } from "./argon2";

const HOST = "127.0.0.1";
const CORES = availableParallelism();
const COOKIE_NAME = "__Host-tessera_session";
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The API entry point; BENCH_API_MAIN points at another copy (e.g. a patched one, for experiments). */
const API_MAIN = resolve(process.env.BENCH_API_MAIN || join(ROOT, "apps/api/src/main.ts"));

/** Issue 11: session and key reads against the no-database tRPC call, sign-in against argon2id. */
const TARGETS = {
	meOverConfig: 0.6,
	keyOverConfig: 0.6,
	signInOverArgon2: 0.8,
	healthzP99Ms: 50,
	/** On the embedded PGlite only, at the default 50 connections. */
	pgliteMeP99Ms: 250,
} as const;

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === "") return fallback;
	const value = Number.parseInt(raw, 10);
	if (!Number.isFinite(value) || value < min || value > max) {
		throw new Error(`${name} must be an integer between ${min} and ${max} (got ${JSON.stringify(raw)})`);
	}
	return value;
}

const DURATION_S = intFromEnv("BENCH_DURATION", 10, 1, 300);
const ME_CONNECTIONS = intFromEnv("BENCH_CONNECTIONS", 50, 1, 1000);
const SIGNIN_CONNECTIONS = intFromEnv("BENCH_SIGNIN_CONNECTIONS", 16, 1, 1000);
const WAIT_IDLE_S = intFromEnv("BENCH_WAIT_IDLE", 0, 0, 600);
const ARGON2_SECONDS = intFromEnv("BENCH_ARGON2_SECONDS", 3, 1, 60);
const PHASE_NAMES = ["healthz", "config", "me", "key", "signin"] as const;
type PhaseName = (typeof PHASE_NAMES)[number];
const PHASES: PhaseName[] = (() => {
	const raw =
		process.env.BENCH_PHASES ??
		(process.env.BENCH_BASELINE === "1" ? "healthz,config,me,key,signin" : "config,me,key,signin");
	const names = raw
		.split(",")
		.map((name) => name.trim())
		.filter(Boolean);
	for (const name of names) {
		if (!(PHASE_NAMES as readonly string[]).includes(name)) {
			throw new Error(`BENCH_PHASES: unknown phase ${JSON.stringify(name)} (known: ${PHASE_NAMES.join(", ")})`);
		}
	}
	return names as PhaseName[];
})();
/** The most distinct sessions (and keys) the read phases spread their connections over. */
const DISTINCT_CALLERS = 100;
const STARTUP_TIMEOUT_MS = 120_000;
/** Hard ceiling for the whole run, whatever happens: startup + the phases + the ceiling + slack. */
const WATCHDOG_MS =
	WAIT_IDLE_S * 1000 + STARTUP_TIMEOUT_MS + (PHASES.length * DURATION_S + ARGON2_SECONDS + 5) * 1000 + 120_000;

// ---------------------------------------------------------------------------------------------
// Cleanup: registered as resources are acquired, run once (finally block or SIGINT/SIGTERM).
// ---------------------------------------------------------------------------------------------

const cleanups: { label: string; run: () => Promise<void> | void }[] = [];
let cleanupPromise: Promise<void> | undefined;
let currentLoad: autocannon.Instance | undefined;
let interrupted = false;

function onCleanup(label: string, run: () => Promise<void> | void) {
	cleanups.push({ label, run });
}

function cleanup(): Promise<void> {
	cleanupPromise ??= (async () => {
		currentLoad?.stop();
		for (const { label, run } of cleanups.reverse()) {
			try {
				await run();
			} catch (error) {
				console.error(`cleanup (${label}) failed:`, error instanceof Error ? error.message : error);
			}
		}
	})();
	return cleanupPromise;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
	process.once(signal, () => {
		interrupted = true;
		console.error(`\n${signal}: stopping and cleaning up…`);
		void cleanup().finally(() => process.exit(130));
	});
}

const watchdog = setTimeout(() => {
	console.error(`bench exceeded its ${Math.round(WATCHDOG_MS / 1000)} s ceiling; cleaning up`);
	void cleanup().finally(() => process.exit(1));
}, WATCHDOG_MS);
watchdog.unref();

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

class StartupError extends Error {}

function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createNetServer();
		server.once("error", reject);
		server.listen(0, HOST, () => {
			const address = server.address();
			if (!address || typeof address === "string") return reject(new Error("no port"));
			server.close(() => resolvePort(address.port));
		});
	});
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[index] ?? Number.NaN;
}

interface ProcInfo {
	ppid: number;
	comm: string;
	/** user + system CPU time, ms */
	cpuMs: number;
}

/** Every process on the machine, from /proc (Linux); null elsewhere. */
function procSnapshot(): Map<number, ProcInfo> | null {
	let entries: string[];
	try {
		entries = readdirSync("/proc");
	} catch {
		return null;
	}
	const snapshot = new Map<number, ProcInfo>();
	for (const entry of entries) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
			const close = stat.lastIndexOf(")");
			const fields = stat.slice(close + 2).split(" ");
			snapshot.set(Number(entry), {
				ppid: Number(fields[1]),
				comm: stat.slice(stat.indexOf("(") + 1, close),
				// utime, stime (fields 14 and 15) in USER_HZ, which is 100 on Linux
				cpuMs: (Number(fields[11]) + Number(fields[12])) * 10,
			});
		} catch {
			// the process ended meanwhile
		}
	}
	return snapshot;
}

/** `root` and all its descendants (e.g. cluster workers) in a snapshot. */
function processTree(snapshot: Map<number, ProcInfo>, root: number): Set<number> {
	const tree = new Set([root]);
	for (let grew = true; grew; ) {
		grew = false;
		for (const [pid, info] of snapshot) {
			if (!tree.has(pid) && tree.has(info.ppid)) {
				tree.add(pid);
				grew = true;
			}
		}
	}
	return tree;
}

/** CPU used between two snapshots by the chosen processes alive at the end (a new one counts from 0). */
function cpuDeltaMs(
	before: Map<number, ProcInfo>,
	after: Map<number, ProcInfo>,
	include: (pid: number, info: ProcInfo) => boolean,
): number {
	let total = 0;
	for (const [pid, info] of after) if (include(pid, info)) total += info.cpuMs - (before.get(pid)?.cpuMs ?? 0);
	return total;
}

/** Machine-wide busy/total jiffies from /proc/stat; null elsewhere. */
function machineCpu(): { busy: number; total: number } | null {
	try {
		const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
		const values = line.trim().split(/\s+/).slice(1).map(Number);
		const total = values.reduce((a, b) => a + b, 0);
		const idle = (values[3] ?? 0) + (values[4] ?? 0);
		return { busy: total - idle, total };
	} catch {
		return null;
	}
}

/** CPU use over a window, each in % of one core (so 200% = both cores of a 2-core machine). */
interface CpuWindow {
	/** The API process and its children, argon2 threads (and with PGlite, the database) included. */
	apiPct: number | null;
	/** This process: autocannon and the probes. */
	benchPct: number | null;
	/** PostgreSQL server processes (all of them, not only the bench database's). */
	dbPct: number | null;
	/** Everything else on the machine: other people's work skews the figures. */
	otherPct: number | null;
	/** Whole machine busy, % of all cores (100 = every core busy). */
	machinePct: number | null;
}

function startCpuWindow(pid: number | undefined): () => CpuWindow {
	const t0 = performance.now();
	const procs0 = procSnapshot();
	const bench0 = process.cpuUsage();
	const m0 = machineCpu();
	return () => {
		const elapsed = performance.now() - t0;
		const procs1 = procSnapshot();
		const bench = process.cpuUsage(bench0);
		const m1 = machineCpu();
		let apiPct: number | null = null;
		let dbPct: number | null = null;
		if (procs0 && procs1) {
			if (pid !== undefined) {
				const tree = processTree(procs1, pid);
				apiPct = (cpuDeltaMs(procs0, procs1, (p) => tree.has(p)) / elapsed) * 100;
			}
			dbPct = (cpuDeltaMs(procs0, procs1, (_, info) => info.comm === "postgres") / elapsed) * 100;
		}
		const benchPct = ((bench.user + bench.system) / 1000 / elapsed) * 100;
		const machinePct = m0 && m1 && m1.total > m0.total ? ((m1.busy - m0.busy) / (m1.total - m0.total)) * 100 : null;
		const otherPct =
			machinePct === null ? null : Math.max(0, machinePct * CORES - (apiPct ?? 0) - benchPct - (dbPct ?? 0));
		return { apiPct, benchPct, dbPct, otherPct, machinePct };
	};
}

interface LoadResult {
	rps: number;
	p50: number;
	p99: number;
	total: number;
	non2xx: number;
	/** Count per non-2xx status code. */
	statusCodes: Record<string, number>;
	/** The first non-2xx answer (status and start of the body), when captured. */
	sampleError?: string;
	errors: number;
	timeouts: number;
}

/**
 * One autocannon run. With `captureErrors`, the first non-2xx body is kept (this makes autocannon
 * read every body, so it is used only on the low-rate sign-in phase).
 */
function runLoad(options: autocannon.Options, captureErrors = false): Promise<LoadResult> {
	let sampleError: string | undefined;
	const requests = captureErrors
		? (options.requests ?? [{}]).map((request) => ({
				...request,
				onResponse: (status: number, body: string) => {
					if ((status < 200 || status > 299) && sampleError === undefined)
						sampleError = `${status} ${body.slice(0, 300)}`;
				},
			}))
		: options.requests;
	return new Promise((resolveLoad, reject) => {
		const instance = autocannon({ ...options, ...(requests ? { requests } : {}), timeout: 10 }, (error, result) => {
			currentLoad = undefined;
			if (error) return reject(error);
			const statusCodes: Record<string, number> = {};
			for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
				if (!code.startsWith("2")) statusCodes[code] = stats.count ?? 0;
			}
			resolveLoad({
				rps: result.requests.mean,
				p50: result.latency.p50,
				p99: result.latency.p99,
				total: result.requests.total,
				non2xx: result.non2xx,
				statusCodes,
				...(sampleError === undefined ? {} : { sampleError }),
				errors: result.errors,
				timeouts: result.timeouts,
			});
		});
		currentLoad = instance;
	});
}

interface PhaseResult extends LoadResult {
	name: PhaseName;
	label: string;
	connections: number;
	cpu: CpuWindow;
	benchLagP99Ms: number;
	/** The machine's 1, 5 and 15 minute load averages as the phase ended. */
	loadAverage: number[];
}

interface ProbeResult {
	count: number;
	failures: number;
	p50: number;
	p99: number;
	max: number;
}

/** GET /healthz every `intervalMs` (never overlapping) until `signal` aborts; latency per probe. */
async function probeHealthz(baseUrl: string, intervalMs: number, signal: AbortSignal): Promise<ProbeResult> {
	const latencies: number[] = [];
	let failures = 0;
	while (!signal.aborted) {
		const started = performance.now();
		try {
			const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) });
			await response.arrayBuffer();
			if (response.ok) latencies.push(performance.now() - started);
			else failures++;
		} catch {
			failures++;
		}
		const wait = intervalMs - (performance.now() - started);
		if (wait > 0 && !signal.aborted) await sleep(wait, undefined, { signal }).catch(() => {});
	}
	latencies.sort((a, b) => a - b);
	return {
		count: latencies.length,
		failures,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		max: latencies.at(-1) ?? Number.NaN,
	};
}

// ---------------------------------------------------------------------------------------------
// Database and API child
// ---------------------------------------------------------------------------------------------

/** Creates `tessera_bench_<random>` on the server of `adminUrl`; returns its URL. Drops it at cleanup. */
async function createBenchDatabase(adminUrl: string): Promise<string> {
	const name = `tessera_bench_${randomBytes(6).toString("hex")}`;
	const admin = await connect({ databaseUrl: adminUrl, maxConnections: 1 });
	try {
		await sql.raw(`create database "${name}"`).execute(admin.db);
	} catch (error) {
		await admin.close();
		throw new StartupError(`cannot create database ${name}: ${error instanceof Error ? error.message : error}`);
	}
	onCleanup(`drop database ${name}`, async () => {
		try {
			await sql.raw(`drop database if exists "${name}" with (force)`).execute(admin.db);
		} finally {
			await admin.close();
		}
	});
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

interface ApiChild {
	child: ChildProcess;
	baseUrl: string;
	output: () => string;
	/** SIGTERM, then SIGKILL after 10 s. Idempotent; also registered for cleanup. */
	stop: () => Promise<void>;
}

async function startApi(env: Record<string, string>, port: number): Promise<ApiChild> {
	const tsx = import.meta.resolve("tsx");
	const extraNodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
	const { DATABASE_URL: _ignored, ...inherited } = process.env;
	// `node --import tsx` rather than the tsx CLI: one process, so pid, signals and --cpu-prof all
	// apply to the API itself and not to a wrapper.
	const child = spawn(process.execPath, [...extraNodeArgs, "--import", tsx, API_MAIN], {
		cwd: resolve(dirname(API_MAIN), ".."),
		env: { ...inherited, NODE_ENV: process.env.NODE_ENV ?? "production", ...env },
		stdio: ["ignore", "pipe", "pipe"],
	});
	let output = "";
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString("utf8")).slice(-20_000);
	};
	child.stdout?.on("data", keep);
	child.stderr?.on("data", keep);
	// Forward the API's warnings/errors during the run (stderr only; stdout is the banner).
	child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[api] ${chunk.toString("utf8")}`));

	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>((done) => child.once("exit", () => done()));
		child.kill("SIGTERM");
		const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
		if (timedOut) {
			child.kill("SIGKILL");
			await Promise.race([exited, sleep(5_000)]);
		}
	};
	onCleanup("stop API", stop);

	const baseUrl = `http://${HOST}:${port}`;
	const deadline = Date.now() + STARTUP_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (interrupted) throw new StartupError("interrupted");
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new StartupError(`API exited during startup (${child.exitCode ?? child.signalCode}):\n${output}`);
		}
		try {
			const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
			await response.arrayBuffer();
			if (response.status === 200) return { child, baseUrl, output: () => output, stop };
		} catch {
			// not listening yet
		}
		await sleep(200);
	}
	throw new StartupError(`API not ready after ${STARTUP_TIMEOUT_MS / 1000} s:\n${output}`);
}

/** The users the bench adds: who signs in under load, and who holds the sessions read under load. */
interface BenchUsers {
	signIn: string[];
	sessions: string[];
}

/**
 * Adds active users to the demo tenant, each with the demo admin's password hash (so the same
 * password), and returns their emails: `counts.signIn` plain users for the sign-in load, and
 * `counts.sessions` users holding the demo admin's role assignments too, so each one's `me.get`
 * reads as many grants and roles as the admin's.
 */
async function addBenchUsers(
	target: { databaseUrl: string } | { dataDir: string },
	credentials: DemoCredentials,
	counts: { signIn: number; sessions: number },
): Promise<BenchUsers> {
	const database = await connect({ ...target, maxConnections: 1 });
	try {
		const db = database.db;
		const admin = await db
			.selectFrom("users")
			.innerJoin("tenants", "tenants.id", "users.tenant_id")
			.innerJoin("password_credentials", "password_credentials.user_id", "users.id")
			.select(["users.id", "users.tenant_id", "users.password_changed_at", "password_credentials.password_hash"])
			.where("tenants.slug", "=", credentials.tenantSlug)
			.where("users.email", "=", credentials.adminEmail.toLowerCase())
			.executeTakeFirstOrThrow();
		const add = async (kind: string, count: number) => {
			if (count === 0) return { emails: [], ids: [] };
			const emails = Array.from({ length: count }, (_, i) => `bench-${kind}-${i + 1}@bench.tessera.test`);
			const users = await db
				.insertInto("users")
				.values(
					emails.map((email, i) => ({
						tenant_id: admin.tenant_id,
						state: "active" as const,
						email,
						email_verified: true,
						first_name: "Bench",
						last_name: `${kind} ${i + 1}`,
						password_changed_at: admin.password_changed_at ?? new Date(),
					})),
				)
				.returning("id")
				.execute();
			await db
				.insertInto("password_credentials")
				.values(
					users.map((user) => ({ user_id: user.id, tenant_id: admin.tenant_id, password_hash: admin.password_hash })),
				)
				.execute();
			return { emails, ids: users.map((user) => user.id) };
		};
		const signIn = await add("signin", counts.signIn);
		const sessions = await add("session", counts.sessions);
		const assignments = await db
			.selectFrom("role_assignments")
			.select(["role_id", "context_type", "context_id", "applies_to_sub_accounts"])
			.where("user_id", "=", admin.id)
			.execute();
		if (assignments.length > 0 && sessions.ids.length > 0) {
			await db
				.insertInto("role_assignments")
				.values(
					sessions.ids.flatMap((userId) =>
						assignments.map((assignment) => ({ ...assignment, tenant_id: admin.tenant_id, user_id: userId })),
					),
				)
				.execute();
		}
		return { signIn: signIn.emails, sessions: sessions.emails };
	} finally {
		await database.close();
	}
}

/** Gives each connection autocannon opens the next of `values` as header `name`, round-robin. */
function oneEachPerConnection(name: string, values: readonly string[]): (client: autocannon.Client) => void {
	let next = 0;
	return (client) => client.setHeaders({ [name]: values[next++ % values.length] ?? "" });
}

let syntheticClients = 0;
/** 198.18.0.0/15, the range reserved for benchmarks: 131 070 distinct addresses, then it wraps. */
function syntheticClientAddress(): string {
	const n = (syntheticClients++ % 131_070) + 1;
	return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}

/** Signs `email` in with the demo password, from a synthetic client address (see the throttle). */
async function signIn(baseUrl: string, credentials: DemoCredentials, email: string): Promise<string> {
	const body = JSON.stringify({
		json: { tenant: credentials.tenantSlug, email, password: credentials.adminPassword },
	});
	const response = await fetch(`${baseUrl}/trpc/auth.signIn`, {
		method: "POST",
		headers: { "content-type": "application/json", "x-forwarded-for": syntheticClientAddress() },
		body,
		signal: AbortSignal.timeout(10_000),
	});
	const text = await response.text();
	if (!response.ok) throw new StartupError(`sign-in failed: HTTP ${response.status} ${text.slice(0, 500)}`);
	if (/"status":"(?!signed_in")/.test(text))
		throw new StartupError(`sign-in asks for another step: ${text.slice(0, 500)}`);
	for (const line of response.headers.getSetCookie()) {
		const pair = line.split(";")[0] ?? "";
		const eq = pair.indexOf("=");
		if (pair.slice(0, eq).trim() === COOKIE_NAME) return `${COOKIE_NAME}=${pair.slice(eq + 1).trim()}`;
	}
	throw new StartupError(`sign-in returned no ${COOKIE_NAME} cookie`);
}

/** A tRPC mutation as the signed-in admin; the answer's `json` (superjson's envelope). */
async function adminMutation(baseUrl: string, cookie: string, path: string, input: unknown): Promise<unknown> {
	const response = await fetch(`${baseUrl}/trpc/${path}`, {
		method: "POST",
		headers: { "content-type": "application/json", cookie },
		body: JSON.stringify({ json: input }),
		signal: AbortSignal.timeout(10_000),
	});
	const text = await response.text();
	if (!response.ok) throw new StartupError(`${path} failed: HTTP ${response.status} ${text.slice(0, 500)}`);
	return (JSON.parse(text) as { result: { data: { json: unknown } } }).result.data.json;
}

/**
 * An application user with the `member` role and one API key for it, made through the API as an
 * internal app's administrator would; returns the `Authorization` header value.
 */
async function issueBenchApiKey(baseUrl: string, cookie: string, n: number): Promise<string> {
	const user = (await adminMutation(baseUrl, cookie, "apiKeys.createApplicationUser", {
		name: `Bench app ${n}`,
		roleKeys: ["member"],
	})) as { id: string };
	const issued = (await adminMutation(baseUrl, cookie, "apiKeys.issue", { userId: user.id, name: "bench" })) as {
		key: string;
	};
	return `Bearer ${issued.key}`;
}

interface DemoCredentials {
	tenantSlug: string;
	adminEmail: string;
	adminPassword: string;
}

/**
 * The demo admin's sign-in, read from the banner the API prints once when it seeds the demo
 * tenant (the password is stored nowhere else). The banner may reach the pipe just after /readyz
 * answers, so it is awaited briefly.
 */
async function demoCredentialsOf(api: ApiChild): Promise<DemoCredentials> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const banner = api.output();
		const field = (name: string) => new RegExp(`^ +${name}: +(\\S+) *$`, "m").exec(banner)?.[1];
		const tenantSlug = field("organisation");
		const adminEmail = field("email");
		const adminPassword = field("password");
		if (tenantSlug && adminEmail && adminPassword) return { tenantSlug, adminEmail, adminPassword };
		if (Date.now() >= deadline) throw new StartupError(`no demo sign-in in the API's banner:\n${banner}`);
		await sleep(100);
	}
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

const fmt = (value: number | null | undefined, digits = 0) =>
	value === null || value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(digits);

function table(rows: string[][]): string {
	const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? "").length))) ?? [];
	const line = (row: string[]) => `| ${row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join(" | ")} |`;
	const separator = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
	const [head, ...body] = rows;
	return [line(head ?? []), separator, ...body.map(line)].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
	const adminUrl = process.env.DATABASE_URL || undefined;
	const workDir = mkdtempSync(join(tmpdir(), "tessera-bench-"));
	onCleanup("remove temp dir", () => rmSync(workDir, { recursive: true, force: true }));
	const dataDir = join(workDir, "pglite");

	const env: Record<string, string> = {
		PORT: String(await freePort()),
		HOST,
		LOG_LEVEL: "warn",
		TESSERA_SEED_DEMO: "auto",
		// The bench acts as a trusted proxy so the sign-in load can spread over many synthetic client
		// addresses (X-Forwarded-For) and measure the server, not the per-address throttle (20/min).
		TESSERA_TRUSTED_PROXIES: HOST,
		// Production refuses to start without a key; a throwaway one per run.
		TESSERA_SECRET_KEY: process.env.TESSERA_SECRET_KEY || randomBytes(32).toString("hex"),
		// Also with PostgreSQL: main.ts writes demo-credentials.json beside this folder.
		TESSERA_DATA_DIR: dataDir,
	};
	let databaseLabel = `PGlite (${dataDir})`;
	if (adminUrl) {
		env.DATABASE_URL = await createBenchDatabase(adminUrl);
		const shown = new URL(env.DATABASE_URL);
		shown.password = "";
		databaseLabel = `PostgreSQL (${shown.toString()})`;
	}

	console.log(`Tessera bench: ${databaseLabel}`);
	console.log(
		`  phases ${PHASES.join(", ")}; ${DURATION_S} s each; ${ME_CONNECTIONS} connections (${SIGNIN_CONNECTIONS} for sign-in)`,
	);
	console.log(`  node ${process.version}, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? "(default 4)"}`);
	if (process.env.BENCH_API_MAIN) console.log(`  API entry point: ${API_MAIN}`);
	if (process.env.BENCH_NODE_ARGS) console.log(`  API node args: ${process.env.BENCH_NODE_ARGS}`);

	// Other work on the machine skews every figure: measure it before starting anything, and
	// optionally wait (bounded) for the machine to quieten down.
	const waitIdleUntil = Date.now() + WAIT_IDLE_S * 1000;
	let background: number | null;
	for (;;) {
		const before = startCpuWindow(undefined);
		await sleep(1000);
		background = before().machinePct;
		if (interrupted || background === null || background <= 15 || Date.now() >= waitIdleUntil) break;
	}
	console.log(
		`  machine CPU busy before start: ${fmt(background)}%${background !== null && background > 15 ? "  (WARNING: machine not idle, figures will be low)" : ""}`,
	);

	let startedAt = performance.now();
	let api = await startApi(env, Number(env.PORT));
	console.log(
		`  API ready at ${api.baseUrl} (pid ${api.child.pid}) in ${fmt((performance.now() - startedAt) / 1000, 1)} s`,
	);

	const credentials = await demoCredentialsOf(api);

	// Sign-in load goes round-robin over several users with the demo admin's password: one user
	// allows at most 10 credential checks in flight (lockout budget, by design), which 16
	// connections would exceed. The session and key reads give each connection a caller of its
	// own (up to DISTINCT_CALLERS), as a crowd of browsers and apps would be: lookups of one
	// repeated token would meet the same rows in every cache. PGlite admits one process at a
	// time, so the API is restarted.
	const callers = Math.min(ME_CONNECTIONS, DISTINCT_CALLERS);
	let benchUsers: BenchUsers = { signIn: [credentials.adminEmail], sessions: [credentials.adminEmail] };
	if (PHASES.includes("signin") || PHASES.includes("me")) {
		const counts = {
			signIn: PHASES.includes("signin") ? Math.max(4, SIGNIN_CONNECTIONS) : 0,
			sessions: PHASES.includes("me") ? callers : 0,
		};
		if (env.DATABASE_URL) {
			benchUsers = await addBenchUsers({ databaseUrl: env.DATABASE_URL }, credentials, counts);
		} else {
			await api.stop();
			benchUsers = await addBenchUsers({ dataDir }, credentials, counts);
			startedAt = performance.now();
			api = await startApi(env, Number(env.PORT));
			console.log(`  API restarted (pid ${api.child.pid}) in ${fmt((performance.now() - startedAt) / 1000, 1)} s`);
		}
		console.log(
			`  added ${counts.signIn} sign-in and ${counts.sessions} session users (the demo admin's password; session users also its roles)`,
		);
	}

	const cookie = await signIn(api.baseUrl, credentials, credentials.adminEmail);
	// Sanity check: the cookie authenticates.
	const check = await fetch(`${api.baseUrl}/trpc/me.get`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
	const checkBody = await check.text();
	if (!check.ok) throw new StartupError(`me.get with the session cookie failed: HTTP ${check.status} ${checkBody}`);
	const apiKeyHeaders: string[] = [];
	if (PHASES.includes("key")) {
		for (let i = 1; i <= callers; i++) apiKeyHeaders.push(await issueBenchApiKey(api.baseUrl, cookie, i));
		const keyCheck = await fetch(`${api.baseUrl}/trpc/me.get`, {
			headers: { authorization: apiKeyHeaders[0] ?? "" },
			signal: AbortSignal.timeout(10_000),
		});
		const keyBody = await keyCheck.text();
		if (!keyCheck.ok) throw new StartupError(`me.get with the API key failed: HTTP ${keyCheck.status} ${keyBody}`);
		console.log(`  issued ${callers} API keys, one per application user`);
	}

	// Warm-up: JIT, pool connections, statement caches. Not measured.
	process.stdout.write("  warming up… ");
	await runLoad({
		url: `${api.baseUrl}/trpc/me.get`,
		headers: { cookie },
		connections: Math.min(ME_CONNECTIONS, 10),
		duration: 2,
	});
	console.log("done");

	let nextSignInUser = 0;
	const signInBody = () =>
		JSON.stringify({
			json: {
				tenant: credentials.tenantSlug,
				email: benchUsers.signIn[nextSignInUser++ % benchUsers.signIn.length],
				password: credentials.adminPassword,
			},
		});
	// The bench process's own loop lag: if it is high, the bench (not the API) is the bottleneck.
	const benchLoop = monitorEventLoopDelay({ resolution: 10 });
	const phases: PhaseResult[] = [];
	let idle: ProbeResult | null = null;
	let health: ProbeResult | null = null;
	let argon2: (Argon2Figure & { loadAverage: number[] }) | null = null;

	const runPhase = async (
		name: PhaseName,
		label: string,
		options: autocannon.Options,
		duringLoad?: (signal: AbortSignal) => Promise<ProbeResult>,
	): Promise<PhaseResult> => {
		process.stdout.write(
			`  [${phases.length + 1}/${PHASES.length}] ${label}, ${options.connections} connections, ${DURATION_S} s… `,
		);
		benchLoop.reset();
		benchLoop.enable();
		const window = startCpuWindow(api.child.pid);
		const abort = new AbortController();
		const side = duringLoad?.(abort.signal);
		let load: LoadResult;
		try {
			load = await runLoad({ ...options, duration: DURATION_S }, name === "signin");
		} finally {
			abort.abort();
		}
		const cpu = window();
		if (side !== undefined) health = await side;
		benchLoop.disable();
		const result = {
			name,
			label,
			connections: options.connections ?? 0,
			...load,
			cpu,
			benchLagP99Ms: benchLoop.percentile(99) / 1e6,
			loadAverage: loadavg(),
		};
		phases.push(result);
		console.log("done");
		return result;
	};

	for (const phase of PHASES) {
		switch (phase) {
			case "healthz":
				await runPhase("healthz", "GET /healthz (Fastify only)", {
					url: `${api.baseUrl}/healthz`,
					connections: ME_CONNECTIONS,
				});
				break;
			case "config":
				await runPhase("config", "GET /trpc/auth.config (tRPC, no DB)", {
					url: `${api.baseUrl}/trpc/auth.config`,
					connections: ME_CONNECTIONS,
				});
				break;
			case "me": {
				// Fresh sessions, one per caller: sign-in load may have ended older ones (10 live
				// sessions per user).
				const cookies: string[] = [];
				for (const email of benchUsers.sessions) cookies.push(await signIn(api.baseUrl, credentials, email));
				await runPhase("me", `GET /trpc/me.get (${callers} sessions)`, {
					url: `${api.baseUrl}/trpc/me.get`,
					connections: ME_CONNECTIONS,
					setupClient: oneEachPerConnection("cookie", cookies),
				});
				break;
			}
			case "key":
				await runPhase("key", `GET /trpc/me.get (${callers} API keys)`, {
					url: `${api.baseUrl}/trpc/me.get`,
					connections: ME_CONNECTIONS,
					setupClient: oneEachPerConnection("authorization", apiKeyHeaders),
				});
				break;
			case "signin": {
				// The ceiling, measured here with the API idle: the same machine, the same moment.
				process.stdout.write(`  argon2id ceiling (one thread), ${ARGON2_SECONDS} s… `);
				argon2 = { ...(await measureArgon2Ceiling(ARGON2_SECONDS)), loadAverage: loadavg() };
				console.log("done");
				// Idle probe baseline (1 s), so the figure under load has something to compare with.
				const idleAbort = new AbortController();
				const idleProbe = probeHealthz(api.baseUrl, 50, idleAbort.signal);
				await sleep(1000);
				idleAbort.abort();
				idle = await idleProbe;
				// With the right password; /healthz probed every 50 ms meanwhile.
				await runPhase(
					"signin",
					"POST /trpc/auth.signIn",
					{
						url: `${api.baseUrl}/trpc/auth.signIn`,
						method: "POST",
						headers: { "content-type": "application/json" },
						connections: SIGNIN_CONNECTIONS,
						requests: [
							{
								// A new synthetic client address per request (RFC 2544 benchmarking range; it only
								// appears in a header, no traffic goes there), so the per-address throttle stays out of it.
								setupRequest: (request) => ({
									...request,
									body: signInBody(),
									headers: { ...request.headers, "x-forwarded-for": syntheticClientAddress() },
								}),
							},
						],
					},
					(signal) => probeHealthz(api.baseUrl, 50, signal),
				);
				break;
			}
		}
	}
	console.log("");

	// Results
	const pass = (ok: boolean | null) => (ok === null ? "skipped" : ok ? "PASS" : "FAIL");
	console.log(
		table([
			[
				"phase",
				"conns",
				"req/s (mean)",
				"p50 ms",
				"p99 ms",
				"requests",
				"non-2xx",
				"errors",
				"CPU: API",
				"postgres",
				"bench",
				"other",
			],
			...phases.map((p) => [
				p.label,
				String(p.connections),
				fmt(p.rps, p.rps < 1000 ? 1 : 0),
				fmt(p.p50),
				fmt(p.p99),
				String(p.total),
				String(p.non2xx),
				String(p.errors + p.timeouts),
				`${fmt(p.cpu.apiPct)}%`,
				`${fmt(p.cpu.dbPct)}%`,
				`${fmt(p.cpu.benchPct)}%`,
				`${fmt(p.cpu.otherPct)}%`,
			]),
		]),
	);
	for (const p of phases) {
		if (p.non2xx === 0) continue;
		const codes = Object.entries(p.statusCodes)
			.map(([code, count]) => `${count}× ${code}`)
			.join(", ");
		console.log(`${p.label}: non-2xx ${codes}${p.sampleError ? `; first: ${p.sampleError}` : ""}`);
	}
	const idleProbe = idle as ProbeResult | null;
	const healthProbe = health as ProbeResult | null;
	if (idleProbe && healthProbe) {
		console.log(
			`\n/healthz every 50 ms: idle p50 ${fmt(idleProbe.p50, 1)} / p99 ${fmt(idleProbe.p99, 1)} ms; ` +
				`during sign-in load p50 ${fmt(healthProbe.p50, 1)} / p99 ${fmt(healthProbe.p99, 1)} / max ${fmt(healthProbe.max, 1)} ms ` +
				`(${healthProbe.count} probes, ${healthProbe.failures} failed)`,
		);
	}
	console.log(
		`bench process event-loop lag p99: ${phases.map((p) => `${fmt(p.benchLagP99Ms, 1)} ms (${p.name})`).join(", ")}` +
			`\nCPU columns are % of one core (${CORES} cores = ${CORES * 100}%); API includes argon2 threads (and PGlite);` +
			' "other" is everything else on the machine: if it is high, the figures are skewed\n',
	);

	const byName = (name: PhaseName) => phases.find((p) => p.name === name);
	const config = byName("config");
	const me = byName("me");
	const key = byName("key");
	const signInLoad = byName("signin");
	const loadOf = (p: { loadAverage: number[] } | null | undefined) =>
		p ? `load ${p.loadAverage.map((value) => value.toFixed(2)).join(" ")}` : "";
	/** `part / whole` when both ran and answered only 2xx; null otherwise. */
	const ratio = (part: PhaseResult | undefined, whole: { rps: number } | null | undefined) =>
		part && whole && part.non2xx === 0 && whole.rps > 0 ? part.rps / whole.rps : null;
	const ratios = {
		meOverConfig: ratio(me, config),
		keyOverConfig: ratio(key, config),
		signInOverArgon2: ratio(signInLoad, argon2 ? { rps: argon2.verificationsPerSecond } : null),
	};
	const atLeast = (value: number | null, target: number) => (value === null ? null : value >= target);
	const healthOk = healthProbe
		? healthProbe.count > 0 && healthProbe.failures === 0 && healthProbe.p99 < TARGETS.healthzP99Ms
		: null;
	const isPglite = !adminUrl;
	const pgliteMeOk =
		isPglite && me && ME_CONNECTIONS === 50 ? me.non2xx === 0 && me.p99 <= TARGETS.pgliteMeP99Ms : null;
	const verdicts = {
		meOverConfig: atLeast(ratios.meOverConfig, TARGETS.meOverConfig),
		keyOverConfig: atLeast(ratios.keyOverConfig, TARGETS.keyOverConfig),
		signInOverArgon2: atLeast(ratios.signInOverArgon2, TARGETS.signInOverArgon2),
		healthz: healthOk,
		pgliteMeP99: pgliteMeOk,
	};
	const shownRatio = (value: number | null, part: PhaseResult | undefined, whole: string) =>
		value === null ? "-" : `${value.toFixed(2)} (${fmt(part?.rps)} / ${whole} req/s)`;
	if (argon2) {
		console.log(
			`argon2id ceiling, one thread: ${fmt(argon2.verificationsPerSecond, 1)} verifications/s ` +
				`(${fmt(argon2.msEach, 1)} ms each; ${loadOf(argon2)})`,
		);
	}
	console.log(
		`load average at the end of each phase: ${phases.map((p) => `${p.name} ${p.loadAverage.map((v) => v.toFixed(2)).join(" ")}`).join("; ")}\n`,
	);
	console.log(
		table([
			["target", "measured", "result"],
			[
				`me.get ≥ ${TARGETS.meOverConfig} × auth.config`,
				shownRatio(ratios.meOverConfig, me, fmt(config?.rps)),
				pass(verdicts.meOverConfig),
			],
			[
				`me.get by API key ≥ ${TARGETS.keyOverConfig} × auth.config`,
				shownRatio(ratios.keyOverConfig, key, fmt(config?.rps)),
				pass(verdicts.keyOverConfig),
			],
			[
				`auth.signIn ≥ ${TARGETS.signInOverArgon2} × argon2id ceiling`,
				shownRatio(ratios.signInOverArgon2, signInLoad, fmt(argon2?.verificationsPerSecond, 1)),
				pass(verdicts.signInOverArgon2),
			],
			[
				`/healthz p99 < ${TARGETS.healthzP99Ms} ms during sign-in`,
				healthProbe ? `p99 ${fmt(healthProbe.p99, 1)} ms, max ${fmt(healthProbe.max, 1)} ms` : "-",
				pass(healthOk),
			],
			[
				`PGlite: me.get p99 ≤ ${TARGETS.pgliteMeP99Ms} ms at 50 connections`,
				isPglite && me ? `p99 ${fmt(me.p99)} ms, ${me.non2xx} non-2xx` : "-",
				pass(pgliteMeOk),
			],
		]),
	);

	if (process.env.BENCH_JSON) {
		writeFileSync(
			process.env.BENCH_JSON,
			`${JSON.stringify(
				{
					database: adminUrl ? "postgres" : "pglite",
					durationS: DURATION_S,
					cores: CORES,
					backgroundMachineCpuPct: background,
					phases,
					argon2Ceiling: argon2,
					healthz: { idle: idleProbe, underSignInLoad: healthProbe },
					ratios,
					targets: TARGETS,
					pass: verdicts,
				},
				null,
				2,
			)}\n`,
		);
	}
	return 0;
}

let exitCode = 0;
try {
	exitCode = await main();
} catch (error) {
	if (!interrupted) {
		console.error(`\nbench failed: ${error instanceof Error ? error.message : String(error)}`);
		exitCode = 1;
	}
} finally {
	await cleanup();
	clearTimeout(watchdog);
}
process.exit(interrupted ? 130 : exitCode);
