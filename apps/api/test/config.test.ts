import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config";

describe("configuration", () => {
	it("keeps the dev mailbox off unless asked for by name, and never allows it in production", () => {
		// A deployment that forgets NODE_ENV (or sets it to development) shows no codes.
		expect(loadConfig({}).devMailbox).toBe(false);
		expect(loadConfig({ NODE_ENV: "development" }).devMailbox).toBe(false);
		expect(loadConfig({ NODE_ENV: "production" }).devMailbox).toBe(false);
		// The demo `npm start` and `pnpm dev` ask for it with a start flag; the variable wins.
		expect(loadConfig({}, ["--demo"]).devMailbox).toBe(true);
		expect(loadConfig({}, ["--dev"]).devMailbox).toBe(true);
		expect(loadConfig({ TESSERA_DEV_MAILBOX: "off" }, ["--demo"]).devMailbox).toBe(false);
		expect(loadConfig({ TESSERA_DEV_MAILBOX: "on" }).devMailbox).toBe(true);
		expect(() => loadConfig({ NODE_ENV: "production", TESSERA_DEV_MAILBOX: "on" })).toThrow(/production/);
		expect(() => loadConfig({ NODE_ENV: "production" }, ["--demo"])).toThrow(/production/);
		expect(() => loadConfig({ TESSERA_DEV_MAILBOX: "yes" })).toThrow();
	});

	it("takes an owner connection for migrations only beside the application's own", () => {
		expect(loadConfig({}).databaseOwnerUrl).toBeUndefined();
		const both = loadConfig({
			DATABASE_URL: "postgres://tessera_app@db/tessera",
			DATABASE_OWNER_URL: "postgres://tessera_owner@db/tessera",
		});
		expect(both).toMatchObject({
			databaseUrl: "postgres://tessera_app@db/tessera",
			databaseOwnerUrl: "postgres://tessera_owner@db/tessera",
		});
		expect(() => loadConfig({ DATABASE_OWNER_URL: "postgres://tessera_owner@db/tessera" })).toThrow(/DATABASE_URL/);
	});

	it("uses named prepared statements unless DATABASE_PREPARED_STATEMENTS=off, and refuses other values", () => {
		expect(loadConfig({}).preparedStatements).toBe(true);
		expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: "off" }).preparedStatements).toBe(false);
		expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: "false" })).toThrow();
	});

	it("bounds every database wait by default and takes each limit from the environment", () => {
		const defaults = loadConfig({});
		expect(defaults.poolSize).toBe(10);
		expect(defaults.databaseTimeouts).toEqual({
			statementMs: 30_000,
			lockMs: 5_000,
			idleInTransactionMs: 30_000,
			acquireMs: 5_000,
		});
		expect(defaults.shutdownGraceMs).toBe(10_000);
		const tuned = loadConfig({
			DATABASE_POOL_SIZE: "25",
			DATABASE_STATEMENT_TIMEOUT_MS: "0",
			DATABASE_LOCK_TIMEOUT_MS: "1500",
			DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "60000",
			DATABASE_ACQUIRE_TIMEOUT_MS: "2000",
			TESSERA_SHUTDOWN_GRACE_MS: "3000",
		});
		expect(tuned.poolSize).toBe(25);
		expect(tuned.databaseTimeouts).toEqual({
			statementMs: 0,
			lockMs: 1500,
			idleInTransactionMs: 60_000,
			acquireMs: 2000,
		});
		expect(tuned.shutdownGraceMs).toBe(3000);
		// Waiting for a pooled connection must always end.
		expect(() => loadConfig({ DATABASE_ACQUIRE_TIMEOUT_MS: "0" })).toThrow();
		expect(() => loadConfig({ DATABASE_LOCK_TIMEOUT_MS: "soon" })).toThrow();
	});

	it("allows Vite's dev origin only in development, and never a wildcard", () => {
		expect(loadConfig({}, ["--dev"]).allowedOrigins).toContain("http://localhost:5173");
		expect(loadConfig({ NODE_ENV: "development" }).allowedOrigins).not.toContain("http://localhost:5173");
		expect(
			loadConfig({ NODE_ENV: "production", TESSERA_PUBLIC_ORIGIN: "https://id.example.com" }).allowedOrigins,
		).toEqual(["https://id.example.com"]);
	});

	it("derives the WebAuthn relying party from the public origin", () => {
		const config = loadConfig({ TESSERA_PUBLIC_ORIGIN: "https://id.example.com" });
		expect(config.webauthn).toEqual({ rpId: "id.example.com", rpName: "Tessera", origins: ["https://id.example.com"] });
	});

	it("accepts a 32-byte secret key as hex or base64url and refuses anything else", () => {
		expect(loadConfig({ TESSERA_SECRET_KEY: "ab".repeat(32) }).secretKey?.length).toBe(32);
		expect(loadConfig({ TESSERA_SECRET_KEY: Buffer.alloc(32, 7).toString("base64url") }).secretKey?.length).toBe(32);
		expect(() => loadConfig({ TESSERA_SECRET_KEY: "too-short" })).toThrow(/32 bytes/);
	});

	it("uses the socket peer as client address unless proxies are configured", () => {
		expect(loadConfig({}).trustedProxies).toEqual([]);
		expect(loadConfig({ TESSERA_TRUSTED_PROXIES: "10.0.0.1, 10.0.0.2" }).trustedProxies).toEqual([
			"10.0.0.1",
			"10.0.0.2",
		]);
	});
});
