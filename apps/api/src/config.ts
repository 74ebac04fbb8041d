/**
 * The only file that reads process.env (and the start flags). Everything else receives a typed
 * Config. Forgetting a variable gives the safe behaviour: nothing that shows a secret is on
 * unless it is asked for by name.
 */
import { resolve } from "node:path";
import { type DatabaseTimeouts, DEFAULT_POOL_SIZE, DEFAULT_TIMEOUTS } from "@tessera/db/client";
import { z } from "zod";

/** Milliseconds from the environment: a whole number, 0 (where allowed) meaning "no limit". */
const ms = (fallback: number, min = 0) => z.coerce.number().int().min(min).max(86_400_000).default(fallback);

const ZEnv = z.object({
	NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
	PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
	HOST: z.string().default("127.0.0.1"),
	DATABASE_URL: z.string().optional(),
	DATABASE_OWNER_URL: z.string().optional(),
	DATABASE_PREPARED_STATEMENTS: z.enum(["on", "off"]).default("on"),
	DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(DEFAULT_POOL_SIZE),
	DATABASE_STATEMENT_TIMEOUT_MS: ms(DEFAULT_TIMEOUTS.statementMs),
	DATABASE_LOCK_TIMEOUT_MS: ms(DEFAULT_TIMEOUTS.lockMs),
	DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: ms(DEFAULT_TIMEOUTS.idleInTransactionMs),
	// A request must never wait for a connection without end, so 0 is not allowed here.
	DATABASE_ACQUIRE_TIMEOUT_MS: ms(DEFAULT_TIMEOUTS.acquireMs, 100),
	TESSERA_SHUTDOWN_GRACE_MS: ms(10_000),
	TESSERA_DATA_DIR: z.string().default(".data/pglite"),
	TESSERA_PUBLIC_ORIGIN: z.string().url().optional(),
	TESSERA_ALLOWED_ORIGINS: z.string().optional(),
	TESSERA_TRUSTED_PROXIES: z.string().optional(),
	TESSERA_DEFAULT_TENANT: z.string().optional(),
	TESSERA_SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
	TESSERA_PORTAL_DIR: z.string().optional(),
	LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
	TESSERA_SECRET_KEY: z.string().optional(),
	TESSERA_RP_ID: z.string().optional(),
	TESSERA_RP_NAME: z.string().default("Tessera"),
	TESSERA_RP_ORIGINS: z.string().optional(),
	TESSERA_SMTP_URL: z.string().optional(),
	TESSERA_MAIL_FROM: z.string().default("Tessera <no-reply@tessera.localhost>"),
	TESSERA_SMS_GATEWAY_URL: z.string().url().optional(),
	TESSERA_SMS_GATEWAY_TOKEN: z.string().optional(),
	TESSERA_DEV_MAILBOX: z.enum(["on", "off"]).optional(),
});

export interface Config {
	env: "development" | "production" | "test";
	port: number;
	host: string;
	databaseUrl: string | undefined;
	/**
	 * The role that owns the tables and migrates them, when the application runs as another one
	 * (which then cannot rewrite the audit log); unset, `databaseUrl` migrates too.
	 */
	databaseOwnerUrl: string | undefined;
	/** Named prepared statements on PostgreSQL (off behind poolers that cannot keep them). */
	preparedStatements: boolean;
	/** PostgreSQL pool size. */
	poolSize: number;
	/** Server-side statement, lock and idle-transaction limits, and the pool acquire timeout. */
	databaseTimeouts: DatabaseTimeouts;
	/** How long a shutdown waits for requests in flight before it closes their connections. */
	shutdownGraceMs: number;
	dataDir: string;
	/** The origin people open in their browser; cookies and CSRF checks derive from it. */
	publicOrigin: string;
	/** Origins allowed to call mutations from a browser (exact match, no wildcards). */
	allowedOrigins: string[];
	/** Proxies whose X-Forwarded-For we believe; empty means use the socket's peer address. */
	trustedProxies: string[];
	defaultTenant: string | null;
	seedDemo: boolean;
	portalDir: string | null;
	logLevel: string;
	/** 32-byte master key for secrets at rest (TOTP secrets, code MACs); null = generate a local one (dev only). */
	secretKey: Buffer | null;
	webauthn: { rpId: string; rpName: string; origins: string[] };
	smtpUrl: string | null;
	mailFrom: string;
	smsGateway: { url: string; token: string } | null;
	/**
	 * Show outgoing messages (codes and links included) on the portal's mailbox page, to loopback
	 * clients only. Off unless TESSERA_DEV_MAILBOX=on or the demo/dev start flag; never in production.
	 */
	devMailbox: boolean;
}

const list = (value: string | undefined) =>
	(value ?? "")
		.split(",")
		.map((item) => item.trim())
		.filter(Boolean);

/**
 * Start flags, set by the package scripts rather than by people: `--demo` (the README's
 * `npm start`) and `--dev` (`pnpm dev`) turn on the development mailbox; `--dev` also lets the
 * Vite dev server's origin call the API.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: readonly string[] = []): Config {
	const parsed = ZEnv.parse(env);
	if (parsed.DATABASE_OWNER_URL && !parsed.DATABASE_URL)
		throw new Error(
			"DATABASE_OWNER_URL names the owner of a PostgreSQL database; set DATABASE_URL to the role Tessera runs as",
		);
	const dev = flags.includes("--dev");
	const devMailbox = parsed.TESSERA_DEV_MAILBOX ? parsed.TESSERA_DEV_MAILBOX === "on" : dev || flags.includes("--demo");
	// A mailbox of live sign-in codes has no place in production, whatever else is set.
	if (devMailbox && parsed.NODE_ENV === "production")
		throw new Error(
			"The development mailbox shows sign-in codes and links; it cannot be on with NODE_ENV=production (unset TESSERA_DEV_MAILBOX)",
		);
	const publicOrigin = parsed.TESSERA_PUBLIC_ORIGIN ?? `http://localhost:${parsed.PORT}`;
	return {
		env: parsed.NODE_ENV,
		port: parsed.PORT,
		host: parsed.HOST,
		databaseUrl: parsed.DATABASE_URL || undefined,
		databaseOwnerUrl: parsed.DATABASE_OWNER_URL || undefined,
		preparedStatements: parsed.DATABASE_PREPARED_STATEMENTS === "on",
		poolSize: parsed.DATABASE_POOL_SIZE,
		databaseTimeouts: {
			statementMs: parsed.DATABASE_STATEMENT_TIMEOUT_MS,
			lockMs: parsed.DATABASE_LOCK_TIMEOUT_MS,
			idleInTransactionMs: parsed.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
			acquireMs: parsed.DATABASE_ACQUIRE_TIMEOUT_MS,
		},
		shutdownGraceMs: parsed.TESSERA_SHUTDOWN_GRACE_MS,
		dataDir: resolve(parsed.TESSERA_DATA_DIR),
		publicOrigin,
		allowedOrigins: [
			...new Set([
				publicOrigin,
				// `pnpm dev` serves the portal from Vite on :5173 and proxies /trpc here.
				...(dev ? ["http://localhost:5173"] : []),
				...list(parsed.TESSERA_ALLOWED_ORIGINS),
			]),
		],
		trustedProxies: list(parsed.TESSERA_TRUSTED_PROXIES),
		defaultTenant: parsed.TESSERA_DEFAULT_TENANT ?? null,
		seedDemo: parsed.TESSERA_SEED_DEMO === "auto",
		portalDir: parsed.TESSERA_PORTAL_DIR ?? null,
		logLevel: parsed.LOG_LEVEL,
		secretKey: parsed.TESSERA_SECRET_KEY ? decodeKey(parsed.TESSERA_SECRET_KEY) : null,
		webauthn: {
			rpId: parsed.TESSERA_RP_ID ?? new URL(publicOrigin).hostname,
			rpName: parsed.TESSERA_RP_NAME,
			origins: parsed.TESSERA_RP_ORIGINS ? list(parsed.TESSERA_RP_ORIGINS) : [publicOrigin],
		},
		smtpUrl: parsed.TESSERA_SMTP_URL ?? null,
		mailFrom: parsed.TESSERA_MAIL_FROM,
		smsGateway:
			parsed.TESSERA_SMS_GATEWAY_URL && parsed.TESSERA_SMS_GATEWAY_TOKEN
				? { url: parsed.TESSERA_SMS_GATEWAY_URL, token: parsed.TESSERA_SMS_GATEWAY_TOKEN }
				: null,
		devMailbox,
	};
}

function decodeKey(value: string): Buffer {
	const key = Buffer.from(value, value.length === 64 && /^[0-9a-f]+$/i.test(value) ? "hex" : "base64url");
	if (key.length !== 32)
		throw new Error("TESSERA_SECRET_KEY must be 32 bytes (64 hex characters or 43 base64url characters)");
	return key;
}
