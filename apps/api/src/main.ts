/**
 * Starts Tessera: opens the database (PostgreSQL with DATABASE_URL, else the embedded PGlite),
 * migrates, seeds the demo tenant on an empty database, and serves the API and the portal.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { hashPassword } from "@tessera/core/passwords/password-hash";
import { systemClock } from "@tessera/core/shared/clock";
import { databaseFaultOf } from "@tessera/core/shared/db-faults";
import { SecretBox } from "@tessera/core/shared/secret-box";
import { countTenants } from "@tessera/core/tenants/tenant.repository";
import { createTenant } from "@tessera/core/tenants/tenant.service";
import { auditGuardOf, currentRoleOf, grantApplicationAccess } from "@tessera/db/application-role";
import { connect } from "@tessera/db/client";
import { migrateToLatest } from "@tessera/db/migrate";
import { type DemoSeedResult, seedDemo } from "@tessera/db/seed";
import { loadConfig } from "./config";
import { startJobs } from "./jobs";
import { startMessaging } from "./messaging";
import { createServer } from "./server";

const config = loadConfig(process.env, process.argv.slice(2));
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
// With an owner connection the application runs as a role that owns nothing: it migrates as the
// owner, then grants the running role its tables (the audit log: insert and read, no rewrite).
if (config.databaseOwnerUrl) {
	const owner = await connect({ databaseUrl: config.databaseOwnerUrl, maxConnections: 1 });
	try {
		await migrateToLatest(owner.db);
		await grantApplicationAccess(owner.db, await currentRoleOf(database.db));
	} finally {
		await owner.close();
	}
} else {
	await migrateToLatest(database.db);
}
const auditGuard = database.kind === "pglite" ? "trigger" : await auditGuardOf(database.db);

// The demo admin's password is random per installation and printed once, when it is created;
// it is not kept anywhere (change it, or keep it somewhere safe). Later starts name the
// organisation and email from a small file beside the data, without the password.
const demoFile = join(dirname(config.dataDir), "demo-tenant.json");
let demo: Pick<DemoSeedResult, "tenantSlug" | "adminEmail"> | null = null;
let demoPassword: string | null = null;
const tenants = await countTenants(database.db);
if (tenants === 0 && config.seedDemo) {
	const seeded = await seedDemo(database.db, { createTenant, hashPassword });
	demo = { tenantSlug: seeded.tenantSlug, adminEmail: seeded.adminEmail };
	demoPassword = seeded.adminPassword;
	mkdirSync(dirname(demoFile), { recursive: true });
	writeFileSync(demoFile, JSON.stringify(demo, null, 2));
} else if (existsSync(demoFile)) {
	demo = JSON.parse(readFileSync(demoFile, "utf8")) as typeof demo;
}
// Installations from before kept the password in a file; it goes now that it has been shown.
rmSync(join(dirname(config.dataDir), "demo-credentials.json"), { force: true });

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

if (auditGuard === "trigger" && database.kind !== "pglite")
	app.log.warn(
		"the database role Tessera runs as owns the audit log (or is a superuser), so it could drop the trigger that keeps the log append-only; run it as its own role with DATABASE_OWNER_URL for migrations (README, Database roles)",
	);

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
if (config.devMailbox)
	lines.push(
		`  Mailbox:  ${url}/dev/mailbox (on for this start, from this machine only: email and SMS are kept`,
		"            there instead of being sent; any other start keeps it off unless TESSERA_DEV_MAILBOX=on)",
	);
if (demo) {
	lines.push(
		"",
		"  Demo sign-in",
		`    organisation: ${demo.tenantSlug}`,
		`    email:        ${demo.adminEmail}`,
		demoPassword
			? `    password:     ${demoPassword}`
			: "    password:     shown once, when the demo was created; it is not stored",
	);
	if (demoPassword) lines.push("    (shown this once: it is not stored anywhere)");
}
console.log(`${lines.join("\n")}\n`);
