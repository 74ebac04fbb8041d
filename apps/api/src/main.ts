/**
 * Starts Tessera: opens the database (PostgreSQL with DATABASE_URL, else the embedded PGlite),
 * migrates, seeds the demo tenant on an empty database, and serves the API and the portal.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { hashPassword } from "@tessera/core/passwords/password-hash";
import { systemClock } from "@tessera/core/shared/clock";
import { databaseFaultOf } from "@tessera/core/shared/db-faults";
import { SecretBox } from "@tessera/core/shared/secret-box";
import { countTenants } from "@tessera/core/tenants/tenant.repository";
import { createTenant } from "@tessera/core/tenants/tenant.service";
import { connect } from "@tessera/db/client";
import { migrateToLatest } from "@tessera/db/migrate";
import { type DemoSeedResult, seedDemo } from "@tessera/db/seed";
import { loadConfig } from "./config";
import { startJobs } from "./jobs";
import { startMessaging } from "./messaging";
import { createServer } from "./server";

const config = loadConfig();
// Before the server's logger exists; replaced by it below.
let reportConnectionError = (_error: Error) => {};
const database = await connect({
	databaseUrl: config.databaseUrl,
	dataDir: config.dataDir,
	preparedStatements: config.preparedStatements,
	maxConnections: config.poolSize,
	timeouts: config.databaseTimeouts,
	onConnectionError: (error) => reportConnectionError(error),
});
await migrateToLatest(database.db);

// The demo admin's password is random per installation. It is kept (owner-readable only) beside
// the embedded data so later starts can print it again; delete the file once you have changed it.
const credentialsFile = join(dirname(config.dataDir), "demo-credentials.json");
let demo: Pick<DemoSeedResult, "tenantSlug" | "adminEmail" | "adminPassword"> | null = null;
const tenants = await countTenants(database.db);
if (tenants === 0 && config.seedDemo) {
	demo = await seedDemo(database.db, { createTenant, hashPassword });
	mkdirSync(dirname(credentialsFile), { recursive: true });
	writeFileSync(credentialsFile, JSON.stringify(demo, null, 2), { mode: 0o600 });
	chmodSync(credentialsFile, 0o600);
} else if (existsSync(credentialsFile)) {
	demo = JSON.parse(readFileSync(credentialsFile, "utf8")) as typeof demo;
}

/**
 * Production must name its key (TESSERA_SECRET_KEY); losing it makes enrolled TOTP secrets
 * unreadable. A local installation gets one generated once and kept beside its data.
 */
function loadSecretKey(): Buffer {
	if (config.secretKey) return config.secretKey;
	if (config.env === "production")
		throw new Error("TESSERA_SECRET_KEY is required in production (32 bytes, hex or base64url)");
	const file = join(dirname(config.dataDir), "secret-key");
	if (!existsSync(file)) {
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
	}
	return Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
}

const here = dirname(fileURLToPath(import.meta.url));
const portalDir = resolve(config.portalDir ?? join(here, "../../portal/dist"));
const app = await createServer({
	db: database.db,
	ping: database.ping,
	clock: systemClock,
	secrets: new SecretBox(loadSecretKey()),
	config: { ...config, defaultTenant: config.defaultTenant ?? demo?.tenantSlug ?? null },
	portalDir,
});
// The pool replaces a broken connection by itself; the line says it happened, without a crash.
reportConnectionError = (error) =>
	app.log.warn(
		{ errorName: error.name, errorMessage: error.message },
		"database connection lost; the pool replaces it",
	);
// A database fault that escaped every handler (a late rejection from a dropped connection) is
// logged and survived; anything else is a bug, and a process in an unknown state should not serve.
process.on("unhandledRejection", (reason) => {
	if (databaseFaultOf(reason)) {
		app.log.warn({ err: reason }, "database fault outside a request");
		return;
	}
	app.log.fatal({ err: reason }, "unhandled rejection");
	process.exit(1);
});

const outbox = startMessaging({ db: database.db, clock: systemClock, config, logger: app.log });
const jobs = startJobs({ db: database.db, clock: systemClock, logger: app.log });

let inFlight = 0;
let shuttingDown = false;
app.addHook("onRequest", async () => {
	inFlight++;
});
app.addHook("onSend", async (_request, reply) => {
	// While draining, a kept-alive connection is closed after its answer instead of idling on.
	if (shuttingDown) reply.header("connection", "close");
});
app.addHook("onResponse", async () => {
	inFlight--;
});

/**
 * First signal: stop accepting connections (Fastify answers 503 on kept-alive ones), let the
 * requests in flight finish for up to the grace period, let the outbox worker and housekeeping
 * finish the item they are on, then close the pool, and say in one line what was drained. The
 * database closes last, so no request in flight finds it gone. A second signal exits at once.
 */
const shutdown = async (signal: NodeJS.Signals) => {
	if (shuttingDown) {
		app.log.warn({ signal }, "second signal: exiting now");
		process.exit(1);
	}
	shuttingDown = true;
	const started = performance.now();
	const requestsInFlight = inFlight;
	const graceOver = new Promise<"timeout">((resolve) =>
		setTimeout(() => resolve("timeout"), config.shutdownGraceMs).unref(),
	);
	const [http] = await Promise.all([
		Promise.race([app.close().then(() => "drained" as const), graceOver]),
		outbox.stop(),
		jobs.stop(),
	]);
	const abandoned = http === "timeout" ? inFlight : 0;
	if (http === "timeout") app.server.closeAllConnections();
	await database.close();
	app.log.info(
		{
			signal,
			requestsInFlight,
			requestsDrained: requestsInFlight - abandoned,
			requestsAbandoned: abandoned,
			workersStopped: ["outbox", "housekeeping"],
			ms: Math.round(performance.now() - started),
		},
		"shutdown complete",
	);
	process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

await app.listen({ port: config.port, host: config.host });
const url = config.publicOrigin;
const lines = [
	"",
	`  Tessera is running at ${url}`,
	`  Database: ${database.kind === "pglite" ? `embedded PGlite (${config.dataDir})` : "PostgreSQL (DATABASE_URL)"}`,
	existsSync(join(portalDir, "index.html"))
		? `  Portal:   ${url}/`
		: "  Portal:   not built (run `pnpm --filter @tessera/portal build`)",
];
if (config.devMailbox) lines.push(`  Mailbox:  ${url}/dev/mailbox (email and SMS are kept here instead of being sent)`);
if (demo) {
	lines.push(
		"",
		"  Demo sign-in",
		`    organisation: ${demo.tenantSlug}`,
		`    email:        ${demo.adminEmail}`,
		`    password:     ${demo.adminPassword}`,
	);
}
console.log(`${lines.join("\n")}\n`);
