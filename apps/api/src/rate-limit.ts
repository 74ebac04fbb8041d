import { RateLimitedError } from "@tessera/core/auth/auth.errors";
import type { Clock } from "@tessera/core/shared/clock";
import { hitThrottle, type ThrottleWindow } from "@tessera/core/shared/throttle.service";
import { throttleKeyOf } from "@tessera/core/shared/throttle-key";
import type { DB } from "@tessera/db/schema";
import type { Kysely } from "kysely";

export interface RateLimitSettings {
	perMinute: number;
	perHour: number;
}

/** SECURITY §4: 20 attempts a minute and 200 an hour per peer address (sliding enough for login). */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = { perMinute: 20, perHour: 200 };

/**
 * Per-address throttle for credential-checking procedures (sign-in steps, re-authentication)
 * and for the passkey options that create a challenge row. Keys on the address Fastify
 * resolved: the socket peer unless a trusted proxy is configured, so a client-sent
 * X-Forwarded-For cannot rotate the key (SECURITY A15); an IPv6 client counts by its /64, so
 * rotating within its own network does not either. Runs per tRPC call, so every call inside a
 * batch counts (I05). The counts live in the database, so all API processes on it share one
 * budget per address; a database fault while counting is answered as such (503), never as 500.
 */
export function createAuthRateLimiter(deps: { db: Kysely<DB>; clock: Clock }, settings: RateLimitSettings) {
	const windows: ThrottleWindow[] = [
		{ name: "auth-m", points: settings.perMinute, durationMs: 60_000 },
		{ name: "auth-h", points: settings.perHour, durationMs: 3_600_000 },
	];
	return async function consume(address: string | null): Promise<void> {
		const verdict = await hitThrottle(deps, windows, throttleKeyOf(address));
		if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterSeconds);
	};
}

export type AuthRateLimiter = ReturnType<typeof createAuthRateLimiter>;
