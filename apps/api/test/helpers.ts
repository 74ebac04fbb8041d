import { TRPCClientError } from "@trpc/client";
import { expect } from "vitest";
import type { AppRouter } from "../src/router";

export type ApiError = TRPCClientError<AppRouter>;

/** Awaits a call that must fail, and returns its typed error for further assertions. */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
	const outcome = await promise.then(
		(value) => ({ ok: true as const, value }),
		(error: unknown) => ({ ok: false as const, error }),
	);
	if (outcome.ok) throw new Error(`expected the call to fail, got ${JSON.stringify(outcome.value)}`);
	expect(outcome.error).toBeInstanceOf(TRPCClientError);
	return outcome.error as ApiError;
}

export async function expectError(promise: Promise<unknown>, code: string, domainCode?: string): Promise<ApiError> {
	const error = await failure(promise);
	expect(error.data?.code).toBe(code);
	if (domainCode !== undefined) expect(error.data?.domainCode).toBe(domainCode);
	return error;
}

/**
 * Sends input the types forbid (wrong types, unknown keys), as an attacker's hand-written
 * request would. The type parameter is inferred from the procedure's input.
 */
export function unsafeInput<T>(value: unknown): T {
	return value as T;
}
