import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@tessera/db/private-postgres";
import { afterEach, describe, expect, it } from "vitest";

/**
 * The real entry point (src/main.ts) in a child process on its own embedded database, so a
 * signal reaches a whole server: listener, outbox worker, housekeeping and pool.
 */
const apiDir = fileURLToPath(new URL("..", import.meta.url));

interface RunningServer {
	child: ChildProcess;
	url: string;
	/** Every JSON log line so far. */
	logs: Record<string, unknown>[];
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

async function startMain(graceMs: number): Promise<RunningServer> {
	const dir = mkdtempSync(join(tmpdir(), "tessera-shutdown-"));
	const port = await freePort();
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		NODE_ENV: "test",
		PORT: String(port),
		TESSERA_DATA_DIR: join(dir, "pglite"),
		TESSERA_SEED_DEMO: "never",
		TESSERA_PORTAL_DIR: join(dir, "no-portal"),
		TESSERA_SHUTDOWN_GRACE_MS: String(graceMs),
		LOG_LEVEL: "info",
	};
	// Node itself, not the tsx CLI: the CLI relays signals and exit codes in its own way.
	const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
		cwd: apiDir,
		env,
		stdio: ["ignore", "pipe", "pipe"],
	});
	cleanups.push(() => {
		child.kill("SIGKILL");
		rmSync(dir, { recursive: true, force: true });
	});
	const logs: Record<string, unknown>[] = [];
	let buffered = "";
	let stderr = "";
	child.stderr?.on("data", (chunk: Buffer) => {
		stderr += chunk.toString("utf8");
	});
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once("exit", (code, signal) => resolve({ code, signal })),
	);
	const url = `http://127.0.0.1:${port}`;
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`main.ts did not start within 60 s\n${stderr}`)), 60_000);
		void exited.then(({ code }) => reject(new Error(`main.ts exited (${code}) before it served\n${stderr}`)));
		child.stdout?.on("data", (chunk: Buffer) => {
			buffered += chunk.toString("utf8");
			const lines = buffered.split("\n");
			buffered = lines.pop() ?? "";
			for (const line of lines) {
				if (line.includes("Tessera is running at")) {
					clearTimeout(timer);
					resolve();
				}
				if (line.startsWith("{")) logs.push(JSON.parse(line) as Record<string, unknown>);
			}
		});
	});
	return { child, url, logs, exited };
}

/** A sign-in for a user who does not exist: it still hashes (timing parity), so it takes a while. */
function slowRequest(url: string): Promise<number> {
	return fetch(`${url}/trpc/auth.signIn`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify({ json: { tenant: "nobody", email: "nobody@example.com", password: "not the password" } }),
	}).then((response) => response.status);
}

describe("graceful shutdown of the real server", () => {
	it("on SIGTERM drains the requests in flight, stops the workers, closes the pool and says so in one line", async () => {
		const server = await startMain(10_000);
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

		const inFlight = Array.from({ length: 12 }, () => slowRequest(server.url));
		// Signal only once the server has read every request: one still on its way when the
		// listener closes is refused (ECONNRESET), which is shutdown working, not draining.
		const received = () =>
			server.logs.filter(
				(line) =>
					line.msg === "incoming request" &&
					String(line.req && (line.req as { url?: string }).url).includes("auth.signIn"),
			).length;
		const deadline = performance.now() + 20_000;
		while (received() < inFlight.length && performance.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		expect(received()).toBe(inFlight.length);
		server.child.kill("SIGTERM");
		const statuses = await Promise.all(inFlight);
		const exit = await server.exited;

		// Every request that was in flight got its real answer (a failed sign-in), none a reset or a 500.
		expect(statuses.every((status) => status === 401)).toBe(true);
		expect(exit.code).toBe(0);
		const summary = server.logs.filter((line) => line.msg === "shutdown complete");
		expect(summary).toHaveLength(1);
		expect(summary[0]).toMatchObject({ signal: "SIGTERM", requestsAbandoned: 0 });
		expect(summary[0]?.requestsDrained).toBeGreaterThanOrEqual(1);
		// The pool closed after the last request, so none of them found the database gone.
		expect(server.logs.some((line) => line.msg === "procedure failed")).toBe(false);
		console.log(`shutdown: ${JSON.stringify(summary[0])}`);
	}, 90_000);

	it("exits at once on a second signal", async () => {
		const server = await startMain(30_000);
		const inFlight = Array.from({ length: 40 }, () => slowRequest(server.url).catch(() => 0));
		await new Promise((resolve) => setTimeout(resolve, 150));
		const signalled = performance.now();
		server.child.kill("SIGTERM");
		await new Promise((resolve) => setTimeout(resolve, 50));
		server.child.kill("SIGINT");
		const exit = await server.exited;
		expect(performance.now() - signalled).toBeLessThan(5_000);
		expect(exit.code).toBe(1);
		expect(server.logs.some((line) => line.msg === "second signal: exiting now")).toBe(true);
		await Promise.all(inFlight);
	}, 90_000);
});
