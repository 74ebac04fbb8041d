import {
	findPostgresBinaries,
	PRIVATE_POSTGRES_MISSING,
	type PrivatePostgres,
	startPrivatePostgres,
} from "@tessera/db/private-postgres";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { SeededUser, TestClient, TestServer } from "../../src/testing";

const IS_CI = process.env.CI === "true";
const HAS_POSTGRES = findPostgresBinaries() !== null;

/** initdb, start and the first migration take a few seconds; a loaded machine may need many more. */
export const PRIVATE_POSTGRES_HOOK_TIMEOUT_MS = 120_000;

/**
 * Declares a file's fault tests on a PostgreSQL server of their own, started in `beforeAll` and
 * removed in `afterAll`: they stop it and kill its connections, which no shared server may see.
 * Skipped only on a developer machine without the server binaries (warned about loudly); in CI
 * that is a failing test instead.
 */
export function describeWithPrivatePostgres(
	name: string,
	body: (postgres: () => PrivatePostgres) => void,
	options: { settings?: Record<string, string | number> } = {},
): void {
	if (!HAS_POSTGRES && !IS_CI) {
		console.warn(
			`\n*** DATABASE FAULT TESTS SKIPPED (${name}): ${PRIVATE_POSTGRES_MISSING} CI never skips them. ***\n`,
		);
	}
	it.runIf(!HAS_POSTGRES && IS_CI)(`${name}: has PostgreSQL server binaries`, () => {
		throw new Error(`${PRIVATE_POSTGRES_MISSING} CI must run the database fault tests.`);
	});

	describe.skipIf(!HAS_POSTGRES)(name, () => {
		let instance: PrivatePostgres | null = null;
		beforeAll(async () => {
			instance = await startPrivatePostgres(options);
		}, PRIVATE_POSTGRES_HOOK_TIMEOUT_MS);
		// Registered first, so it runs last: after the file's own afterAll closed its servers.
		afterAll(async () => {
			await instance?.destroy();
		}, PRIVATE_POSTGRES_HOOK_TIMEOUT_MS);
		body(() => {
			if (!instance) throw new Error("the private PostgreSQL server did not start");
			return instance;
		});
	});
}

/** What a call ended with, as a client sees it. */
export type Outcome<T> =
	| { ok: true; value: T; ms: number }
	| { ok: false; code: string; domainCode: string | null; message: string; ms: number; error: unknown };

/** Runs a call and times it; failures are described, never thrown. */
export async function outcomeOf<T>(call: () => Promise<T>): Promise<Outcome<T>> {
	const started = performance.now();
	try {
		const value = await call();
		return { ok: true, value, ms: performance.now() - started };
	} catch (error) {
		const ms = performance.now() - started;
		if (error instanceof TRPCClientError) {
			const data = error.data as { code?: string; domainCode?: string | null } | undefined;
			return {
				ok: false,
				code: data?.code ?? "NO_CODE",
				domainCode: data?.domainCode ?? null,
				message: error.message,
				ms,
				error,
			};
		}
		return { ok: false, code: "CLIENT_ERROR", domainCode: null, message: String(error), ms, error };
	}
}

/** Counts outcomes by `CODE/domainCode`, for readable failure messages. */
export function tally(outcomes: Outcome<unknown>[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const outcome of outcomes) {
		const key = outcome.ok ? "ok" : `${outcome.code}/${outcome.domainCode}`;
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A client signed in as `user`, with its cookie jar (the session token is in it). */
export async function signedIn(
	server: TestServer,
	user: SeededUser,
): Promise<{ client: TestClient; cookies: Map<string, string> }> {
	const cookies = new Map<string, string>();
	const client = server.client(cookies);
	await client.auth.signIn.mutate({ tenant: user.tenantSlug, email: user.email, password: user.password });
	return { client, cookies };
}

/** The session token a sign-in left in a cookie jar (the cookie name depends on `Secure`). */
export function sessionTokenIn(cookies: Map<string, string>): string | undefined {
	for (const [name, value] of cookies) if (name.endsWith("tessera_session")) return value;
	return undefined;
}

/** The message every request answers with while the database cannot be reached. */
export const UNAVAILABLE_MESSAGE = "Tessera cannot reach its database; try again.";

/**
 * Collects errors that escape every handler (a pg client losing its server with no 'error'
 * listener throws outside any request) from `beforeAll` to `afterAll`, for a test to assert none.
 */
export function captureEscapedErrors(): unknown[] {
	const escaped: unknown[] = [];
	const onEscaped = (error: unknown) => escaped.push(error);
	beforeAll(() => {
		process.on("uncaughtException", onEscaped);
		process.on("unhandledRejection", onEscaped);
	});
	afterAll(() => {
		process.off("uncaughtException", onEscaped);
		process.off("unhandledRejection", onEscaped);
	});
	return escaped;
}
