/**
 * Throttles kept in the database, so every API process shares one budget per client (issue 10,
 * item 8): a budget in process memory is multiplied by the number of processes and forgotten on
 * restart. Each window is fixed: it opens with its first hit and counts hits until it ends.
 */
import type { CoreDeps } from "./deps";
import { deleteEndedThrottleWindows, hitThrottleWindows } from "./throttle.repository";

export interface ThrottleWindow {
	/** Part of the stored key: windows of the same name are one budget, whichever process counts. */
	name: string;
	/** Hits allowed in one window. */
	points: number;
	durationMs: number;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one hit of `clientKey` (see throttle-key.ts) on every window and says whether all of
 * them still had room. A refused hit is counted too, so hammering a closed window does not open
 * it sooner than its end. Database errors reach the caller unchanged (the API answers 503).
 */
export async function hitThrottle(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	windows: readonly ThrottleWindow[],
	clientKey: string,
): Promise<ThrottleVerdict> {
	const now = clock.now();
	const counts = await hitThrottleWindows(
		db,
		windows.map((window) => ({
			key: `${window.name}:${clientKey}`,
			expiresAt: new Date(now.getTime() + window.durationMs),
		})),
		now,
	);
	let retryAfterMs = 0;
	for (const window of windows) {
		const count = counts.find((row) => row.key === `${window.name}:${clientKey}`);
		if (count && count.points > window.points) {
			retryAfterMs = Math.max(retryAfterMs, count.expires_at.getTime() - now.getTime());
		}
	}
	return retryAfterMs > 0
		? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) }
		: { allowed: true };
}

/** Housekeeping: drops windows that have ended. Safe to run from several processes at once. */
export function purgeEndedThrottleWindows({ db, clock }: Pick<CoreDeps, "db" | "clock">): Promise<number> {
	return deleteEndedThrottleWindows(db, clock.now());
}
