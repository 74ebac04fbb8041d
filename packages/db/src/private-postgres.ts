/**
 * Test helper: a PostgreSQL server of the test's own, in a fresh temporary folder on a free
 * loopback port. Fault tests stop it, restart it and kill its backends; none of that may ever
 * reach a server someone else uses (the shared one on 127.0.0.1:5432, a developer's own), so
 * every command names this instance's data folder and every connection its port.
 */
import { execFile, execFileSync } from "node:child_process";
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface PrivatePostgres {
	/** `postgres://postgres@127.0.0.1:PORT/postgres`: the superuser, trust auth, loopback only. */
	adminUrl: string;
	port: number;
	/** The temporary folder holding the data folder, the socket and the server log. */
	directory: string;
	/** Stops the server (`pg_ctl stop -m fast`): open connections are dropped, new ones refused. */
	stop(): Promise<void>;
	/** Starts it again on the same port and resolves once it accepts connections. */
	start(): Promise<void>;
	/**
	 * Terminates every backend connected to `database` (except `exceptPid`) from a connection of
	 * its own to the `postgres` database, and returns how many it terminated.
	 */
	terminateBackends(database: string, exceptPid?: number): Promise<number>;
	/** A connected client of its own (the caller ends it); `postgres` database unless named. */
	client(database?: string): Promise<pg.Client>;
	/** Stops the server and removes its folder. */
	destroy(): Promise<void>;
}

export interface PrivatePostgresOptions {
	/**
	 * Extra `postgresql.conf` settings. The defaults favour speed over durability (nothing here
	 * needs to survive a crash of the machine) and notice deadlocks after 100 ms instead of 1 s.
	 */
	settings?: Record<string, string | number>;
}

const IS_CI = process.env.CI === "true";
const RUN_TIMEOUT_MS = 60_000;

let warned = false;

/**
 * The folder holding `initdb`, `pg_ctl` and `postgres`, or null when this machine has no
 * PostgreSQL server installed. `pg_config` comes with the client libraries too (Debian's
 * libpq-dev), so its answer is checked, and Debian's versioned folders are the fallback.
 */
export function findPostgresBinaries(): string | null {
	const candidates: string[] = [];
	if (process.env.TESSERA_PG_BINDIR) candidates.push(process.env.TESSERA_PG_BINDIR);
	try {
		candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim());
	} catch {
		// No pg_config on the PATH: look where the distribution puts servers.
	}
	const debian = "/usr/lib/postgresql";
	if (existsSync(debian)) {
		const versions = readdirSync(debian)
			.filter((name) => /^\d+$/.test(name))
			.sort((a, b) => Number(b) - Number(a));
		for (const version of versions) candidates.push(join(debian, version, "bin"));
	}
	return (
		candidates.find((dir) => ["initdb", "pg_ctl", "postgres"].every((name) => existsSync(join(dir, name)))) ?? null
	);
}

/** Why tests that need a private server do not run here; in CI they never skip. */
export const PRIVATE_POSTGRES_MISSING =
	"PostgreSQL server binaries (initdb, pg_ctl, postgres) not found via TESSERA_PG_BINDIR, `pg_config --bindir` " +
	"or /usr/lib/postgresql/*/bin. Install them (apt-get install postgresql) to run the database fault tests.";

/**
 * Starts a private PostgreSQL server. Resolves null when no server binaries are installed (after
 * a loud warning that the tests needing it are skipped); in CI (`CI=true`) that throws instead,
 * because CI must prove the fault tests.
 */
export async function startPrivatePostgres(options: PrivatePostgresOptions = {}): Promise<PrivatePostgres | null> {
	const bindir = findPostgresBinaries();
	if (!bindir) {
		if (IS_CI) throw new Error(`${PRIVATE_POSTGRES_MISSING} CI must run them.`);
		if (!warned) {
			warned = true;
			console.warn(`\n*** DATABASE FAULT TESTS SKIPPED: ${PRIVATE_POSTGRES_MISSING} CI never skips them. ***\n`);
		}
		return null;
	}
	const directory = mkdtempSync(join(tmpdir(), "tessera-pg-"));
	try {
		return await initialise(bindir, directory, options);
	} catch (error) {
		rmSync(directory, { recursive: true, force: true });
		throw error;
	}
}

async function initialise(
	bindir: string,
	directory: string,
	options: PrivatePostgresOptions,
): Promise<PrivatePostgres> {
	// initdb and postgres refuse to run as root (a compromised server must not own the machine),
	// and containers and CI usually are root: there, everything runs as the `postgres` account.
	const asRoot = process.getuid?.() === 0;
	if (asRoot) {
		const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
		const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
		chownSync(directory, uid, gid);
	}
	const run = (program: string, args: string[]) =>
		new Promise<string>((resolve, reject) => {
			const file = join(bindir, program);
			const [command, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
			// cwd: the postgres account may not be allowed into the caller's working folder.
			execFile(command, argv, { cwd: directory, timeout: RUN_TIMEOUT_MS }, (error, stdout, stderr) => {
				if (error) reject(new Error(`${program} failed: ${stderr || stdout || error.message}`, { cause: error }));
				else resolve(stdout);
			});
		});

	const dataDir = join(directory, "data");
	const logFile = join(directory, "postgres.log");
	// The shared server's locale, so text behaves alike on both; plain C where it is missing.
	try {
		await run("initdb", [
			"-D",
			dataDir,
			"-U",
			"postgres",
			"-A",
			"trust",
			"-E",
			"UTF8",
			"--locale=C.UTF-8",
			"--no-sync",
		]);
	} catch {
		rmSync(dataDir, { recursive: true, force: true });
		await run("initdb", ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
	}
	const settings: Record<string, string | number> = {
		listen_addresses: "'127.0.0.1'",
		// Inside our folder: never /var/run/postgresql, where the machine's own server keeps its socket.
		unix_socket_directories: `'${directory}'`,
		fsync: "off",
		synchronous_commit: "off",
		full_page_writes: "off",
		shared_buffers: "'32MB'",
		max_connections: 100,
		deadlock_timeout: "'100ms'",
		...options.settings,
	};
	// Appending keeps the file's owner (postgres) and lets these lines win over initdb's defaults.
	appendFileSync(
		join(dataDir, "postgresql.conf"),
		`\n# tessera private-postgres\n${Object.entries(settings)
			.map(([key, value]) => `${key} = ${value}`)
			.join("\n")}\n`,
	);

	let port = 0;
	const start = async () => {
		try {
			// -w waits until the server reports it accepts connections; the probe below makes sure.
			await run("pg_ctl", ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60", "-s", "-o", `-p ${port}`]);
			await waitUntilAccepting(urlFor(port, "postgres"));
		} catch (error) {
			// pg_ctl only says "see the log": the reason (a taken port, no shared memory) is in there.
			const log = existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n") : "";
			throw new Error(`PostgreSQL did not start on port ${port}:\n${log}`, { cause: error });
		}
	};
	// A free port can be taken between asking for it and the server binding it: try a few.
	for (let attempt = 1; ; attempt++) {
		port = await freePort();
		try {
			await start();
			break;
		} catch (error) {
			// It may have started and then not answered: never leave a server behind its folder.
			await run("pg_ctl", ["stop", "-D", dataDir, "-m", "immediate", "-w", "-s"]).catch(() => {});
			if (attempt >= 3) throw error;
		}
	}

	let running = true;
	let admin: pg.Client | undefined;
	const adminClient = async () => {
		if (admin) return admin;
		const client = new pg.Client({ connectionString: urlFor(port, "postgres") });
		// A stopped server ends this connection; the next call opens a new one.
		client.on("error", () => {
			if (admin === client) admin = undefined;
		});
		client.on("end", () => {
			if (admin === client) admin = undefined;
		});
		await client.connect();
		admin = client;
		return client;
	};
	const endAdmin = async () => {
		const client = admin;
		admin = undefined;
		await client?.end().catch(() => {});
	};
	const stop = async () => {
		await endAdmin();
		await run("pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "60", "-s"]);
		running = false;
	};
	// A test run that dies before destroy() must not leave a server running nor its files behind.
	const onExit = () => {
		if (running) {
			try {
				const file = join(bindir, "pg_ctl");
				const args = ["stop", "-D", dataDir, "-m", "immediate", "-w", "-s"];
				if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", file, ...args], { cwd: directory });
				else execFileSync(file, args, { cwd: directory });
			} catch {
				// Best effort at exit.
			}
		}
		rmSync(directory, { recursive: true, force: true });
	};
	process.once("exit", onExit);

	return {
		adminUrl: urlFor(port, "postgres"),
		port,
		directory,
		stop,
		async start() {
			await start();
			running = true;
		},
		async terminateBackends(database, exceptPid) {
			const client = await adminClient();
			const result = await client.query<{ terminated: number }>(
				`select count(*)::int as terminated from (
					select pg_terminate_backend(pid) from pg_stat_activity
					where datname = $1 and pid <> pg_backend_pid() and pid <> $2
				) as killed`,
				[database, exceptPid ?? 0],
			);
			return result.rows[0]?.terminated ?? 0;
		},
		async client(database = "postgres") {
			const client = new pg.Client({ connectionString: urlFor(port, database) });
			await client.connect();
			return client;
		},
		async destroy() {
			process.off("exit", onExit);
			if (running) await stop().catch(() => {});
			rmSync(directory, { recursive: true, force: true });
		},
	};
}

function urlFor(port: number, database: string): string {
	if (port === 5432) throw new Error("refusing to use port 5432: it belongs to the shared server");
	return `postgres://postgres@127.0.0.1:${port}/${database}`;
}

/** A loopback port nobody listens on right now (another process may still take it first). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once("error", reject);
		server.listen(0, "127.0.0.1", () => {
			const address = server.address();
			server.close(() => {
				if (address && typeof address === "object") resolve(address.port);
				else reject(new Error("no port"));
			});
		});
	});
}

async function waitUntilAccepting(url: string, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
		client.on("error", () => {});
		try {
			await client.connect();
			await client.query("select 1");
			return;
		} catch (error) {
			if (Date.now() > deadline) throw new Error(`PostgreSQL at ${url} did not accept connections`, { cause: error });
			await new Promise((resolve) => setTimeout(resolve, 50));
		} finally {
			await client.end().catch(() => {});
		}
	}
}
