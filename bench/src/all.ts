/**
 * Every benchmark, one after another, then one summary of the figures issue 11 sets targets for
 * (`pnpm bench`). Each part is its own script in a child process (so one part's heap, pool and
 * server cannot colour the next) writing its figures to a JSON file this runner reads back. The
 * parts run in sequence, never side by side: on two cores a second load would halve the first.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench
 *
 * Environment:
 *   DATABASE_URL   PostgreSQL server: the API phases, search and dashboard run there (each part
 *                  creates its own database and drops it). Without it only the parts that can run
 *                  on the embedded PGlite run, and the rest are listed as skipped.
 *   BENCH_ONLY     comma list of parts to run (default all): api-pg, api-pglite, search-100k,
 *                  search-1m, dashboard-1m, portal
 *   BENCH_LARGE    the "million" of search-1m and dashboard-1m (default 1000000), to try the
 *                  runner on a smaller set
 *   BENCH_OUT      directory for each part's JSON and the summary (default a temporary one)
 * Anything else (BENCH_DURATION, BENCH_SAMPLES, CHROMIUM_PATH…) reaches the parts as it is.
 *
 * Prints figures; asserts nothing. Exits 1 only if a part failed to run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadAverage as load } from "./figures";

const HERE = dirname(fileURLToPath(import.meta.url));
const postgres = process.env.DATABASE_URL;
const large = Number.parseInt(process.env.BENCH_LARGE ?? "1000000", 10);
const out = process.env.BENCH_OUT ?? mkdtempSync(join(tmpdir(), "tessera-bench-"));
mkdirSync(out, { recursive: true });

interface Part {
	name: string;
	script: string;
	args?: string[];
	/** Runs only against PostgreSQL. */
	needsPostgres: boolean;
	/** Environment for this part only; `undefined` removes a variable. */
	env?: Record<string, string | undefined>;
}

const PARTS: Part[] = [
	{ name: "api-pg", script: "run.ts", needsPostgres: true },
	{ name: "api-pglite", script: "run.ts", needsPostgres: false, env: { DATABASE_URL: undefined } },
	{ name: "search-100k", script: "users-list.ts", args: ["100000"], needsPostgres: true, env: { BENCH_PLANS: "0" } },
	{ name: "search-1m", script: "users-list.ts", args: [String(large)], needsPostgres: true, env: { BENCH_PLANS: "0" } },
	{ name: "dashboard-1m", script: "dashboard.ts", args: [String(large)], needsPostgres: true },
	{ name: "portal", script: "portal-size.ts", needsPostgres: false },
];

const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const unknown = only?.filter((name) => !PARTS.some((part) => part.name === name)) ?? [];
if (unknown.length > 0) {
	console.error(`BENCH_ONLY: unknown part ${unknown.join(", ")}; known: ${PARTS.map((part) => part.name).join(", ")}`);
	process.exit(1);
}

interface Ran {
	part: Part;
	status: "ran" | "failed" | "skipped";
	seconds: number;
	loadBefore: string;
	loadAfter: string;
	figures: unknown;
}

console.log(
	`Tessera benchmarks — ${cpus()[0]?.model ?? "cpu"} × ${availableParallelism()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
		`Node ${process.version}, load ${load()}; figures in ${out}\n`,
);

const ran: Ran[] = [];
for (const part of PARTS) {
	if (only && !only.includes(part.name)) continue;
	const loadBefore = load();
	if (part.needsPostgres && !postgres) {
		ran.push({ part, status: "skipped", seconds: 0, loadBefore, loadAfter: loadBefore, figures: null });
		console.log(`== ${part.name}: skipped (needs DATABASE_URL)\n`);
		continue;
	}
	const json = join(out, `${part.name}.json`);
	const env: NodeJS.ProcessEnv = { ...process.env, BENCH_JSON: json };
	for (const [key, value] of Object.entries(part.env ?? {})) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	console.log(`== ${part.name}: tsx src/${part.script} ${(part.args ?? []).join(" ")} (load ${loadBefore})`);
	const started = Date.now();
	const result = spawnSync(process.execPath, ["--import", "tsx", join(HERE, part.script), ...(part.args ?? [])], {
		cwd: join(HERE, ".."),
		env,
		stdio: "inherit",
	});
	const seconds = Math.round((Date.now() - started) / 1000);
	const ok = result.status === 0 && existsSync(json);
	ran.push({
		part,
		status: ok ? "ran" : "failed",
		seconds,
		loadBefore,
		loadAfter: load(),
		figures: ok ? JSON.parse(readFileSync(json, "utf8")) : null,
	});
	console.log(`== ${part.name}: ${ok ? "done" : `FAILED (exit ${result.status})`} in ${seconds} s\n`);
}

// ------------------------------------------------------------------------------------------------
// Summary: one line per target of issue 11, read from the parts' JSON.
// ------------------------------------------------------------------------------------------------

interface Line {
	part: string;
	what: string;
	figure: string;
	target: string;
	met: boolean | null;
}

const lines: Line[] = [];
const line = (
	part: Ran,
	what: string,
	value: number | null | undefined,
	target: string,
	met: boolean | null,
	unit = "",
) =>
	lines.push({
		part: part.part.name,
		what,
		figure:
			value === null || value === undefined ? "-" : `${Number.isInteger(value) ? value : value.toFixed(2)}${unit}`,
		target,
		met: value === null || value === undefined ? null : met,
	});

interface ApiFigures {
	phases: { name: string; rps: number; p99: number }[];
	ratios: { meOverConfig: number | null; keyOverConfig: number | null; signInOverArgon2: number | null };
	healthz: { underSignInLoad: { p99: number } | null };
}
interface SearchFigures {
	shapes: { first: { api: { p95: number } }; next: { api: { p95: number } } | null }[];
	throughput: { label: string; rps: number }[];
}
interface DashboardFigures {
	reads: { label: string; api: { p95: number } }[];
	exact: Record<string, boolean>;
}
interface PortalFigures {
	signIn: { scripts: { gzip: number; brotli: number } };
	firstKeystroke: { total: { gzip: number } };
}

for (const part of ran) {
	if (part.status !== "ran") continue;
	switch (part.part.name) {
		case "api-pg":
		case "api-pglite": {
			const api = part.figures as ApiFigures;
			const rps = (name: string) => api.phases.find((phase) => phase.name === name)?.rps;
			line(part, "auth.config req/s (no database)", rps("config"), "yardstick", null);
			line(part, "me.get / auth.config", api.ratios.meOverConfig, "≥ 0.6", (api.ratios.meOverConfig ?? 0) >= 0.6);
			line(
				part,
				"API key me.get / auth.config",
				api.ratios.keyOverConfig,
				"≥ 0.6",
				(api.ratios.keyOverConfig ?? 0) >= 0.6,
			);
			line(
				part,
				"sign-in / argon2id ceiling",
				api.ratios.signInOverArgon2,
				"≥ 0.8",
				(api.ratios.signInOverArgon2 ?? 0) >= 0.8,
			);
			const healthz = api.healthz.underSignInLoad?.p99;
			line(part, "/healthz p99 under sign-in load", healthz, "< 50 ms", (healthz ?? 0) < 50, " ms");
			if (part.part.name === "api-pglite") {
				const meP99 = api.phases.find((phase) => phase.name === "me")?.p99;
				line(part, "me.get p99 at 50 connections", meP99, "≤ 250 ms", (meP99 ?? 0) <= 250, " ms");
			}
			break;
		}
		case "search-100k":
		case "search-1m": {
			const search = part.figures as SearchFigures;
			const worst = Math.max(...search.shapes.flatMap((shape) => [shape.first.api.p95, shape.next?.api.p95 ?? 0]));
			const atMillion = part.part.name === "search-1m";
			line(
				part,
				"worst API p95 over every shape and page",
				worst,
				atMillion ? "≤ 50 ms" : "-",
				atMillion ? worst <= 50 : null,
				" ms",
			);
			for (const run of search.throughput) {
				const common = run.label.startsWith("common") && !atMillion;
				line(part, `${run.label} req/s`, run.rps, common ? "≥ 150" : "-", common ? run.rps >= 150 : null);
			}
			break;
		}
		case "dashboard-1m": {
			const dashboard = part.figures as DashboardFigures;
			for (const read of dashboard.reads) {
				line(part, `dashboard.get API p95, ${read.label}`, read.api.p95, "≤ 50 ms", read.api.p95 <= 50, " ms");
			}
			const exact = Object.values(dashboard.exact).every(Boolean);
			lines.push({
				part: part.part.name,
				what: "equals a full recount",
				figure: String(exact),
				target: "true",
				met: exact,
			});
			break;
		}
		case "portal": {
			const portal = part.figures as PortalFigures;
			const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
			line(
				part,
				"sign-in page scripts, gzip",
				kb(portal.signIn.scripts.gzip),
				"≤ 150 KB",
				portal.signIn.scripts.gzip <= 150 * 1024,
				" KB",
			);
			line(part, "sign-in page scripts, brotli (as served)", kb(portal.signIn.scripts.brotli), "-", null, " KB");
			line(part, "first new-password keystroke loads, gzip", kb(portal.firstKeystroke.total.gzip), "-", null, " KB");
			break;
		}
	}
}

const width = (pick: (value: Line) => string) => Math.max(...lines.map((value) => pick(value).length), 4);
const [wPart, wWhat, wFigure, wTarget] = [
	width((value) => value.part),
	width((value) => value.what),
	width((value) => value.figure),
	width((value) => value.target),
];
console.log("== summary");
for (const value of lines) {
	const verdict = value.met === null ? "" : value.met ? "met" : "NOT met";
	console.log(
		`${value.part.padEnd(wPart)}  ${value.what.padEnd(wWhat)}  ${value.figure.padStart(wFigure)}  ${value.target.padEnd(wTarget)}  ${verdict}`,
	);
}
console.log("");
for (const part of ran) {
	console.log(
		`${part.part.name.padEnd(wPart)}  ${part.status.padEnd(7)} ${String(part.seconds).padStart(5)} s  load before ${part.loadBefore}, after ${part.loadAfter}`,
	);
}
writeFileSync(
	join(out, "summary.json"),
	`${JSON.stringify({ machine: { cores: availableParallelism(), node: process.version }, parts: ran, lines }, null, 2)}\n`,
);
console.log(`\nsummary written to ${join(out, "summary.json")}`);
process.exit(ran.some((part) => part.status === "failed") ? 1 : 0);
