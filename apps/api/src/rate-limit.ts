import { RateLimitedError } from "@tessera/core/auth/auth.errors";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export interface RateLimitSettings {
	perMinute: number;
	perHour: number;
}

/** SECURITY §4: 20 attempts a minute and 200 an hour per peer address (sliding enough for login). */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = { perMinute: 20, perHour: 200 };

/**
 * Per-address throttle for credential-checking procedures (sign-in steps, re-authentication).
 * Keys on the address Fastify resolved: the socket peer unless a trusted proxy is configured,
 * so a client-sent X-Forwarded-For cannot rotate the key (SECURITY A15). Runs per tRPC call,
 * so every call inside a batch counts (I05). In-process memory: one budget per server process.
 */
export function createAuthRateLimiter(settings: RateLimitSettings) {
	const minute = new RateLimiterMemory({ keyPrefix: "auth-m", points: settings.perMinute, duration: 60 });
	const hour = new RateLimiterMemory({ keyPrefix: "auth-h", points: settings.perHour, duration: 3600 });
	return async function consume(address: string | null): Promise<void> {
		const key = address ?? "unknown";
		try {
			await minute.consume(key);
			await hour.consume(key);
		} catch (error) {
			if (error instanceof RateLimiterRes)
				throw new RateLimitedError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
			throw error;
		}
	};
}

export type AuthRateLimiter = ReturnType<typeof createAuthRateLimiter>;
