/**
 * When the outbox tries again, when it gives up, and when a message is too old to be worth
 * sending. Pure functions: the worker applies them, the repository stores the result.
 */
import { DAY, HOUR, MINUTE } from "../shared/clock";
import type { MessageTemplate } from "./templates";

/** After this many failed deliveries a message is marked `failed` and never tried again. */
export const OUTBOX_MAX_ATTEMPTS = 8;

/** Nominal wait after the 1st, 2nd, ... failure; the last step repeats. */
const RETRY_STEPS_MS = [30_000, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR] as const;
const MAX_RETRY_DELAY_MS = HOUR;
/** Up to 20 % on top of each step, so messages that failed together do not retry together. */
const RETRY_JITTER = 0.2;

/**
 * How long to wait after the `attempts`-th failed delivery: 30 s, 2 min, 10 min, 30 min, then 1 h,
 * each plus up to 20 % jitter and never more than 1 h. Never shorter than the nominal step, so a
 * retry is never earlier than the schedule says.
 */
export function outboxRetryDelayMs(attempts: number, random: () => number = Math.random): number {
	const index = Math.min(Math.max(attempts, 1), RETRY_STEPS_MS.length) - 1;
	const step = RETRY_STEPS_MS[index] ?? MAX_RETRY_DELAY_MS;
	const jitter = Math.min(Math.max(random(), 0), 1) * RETRY_JITTER;
	return Math.min(Math.round(step * (1 + jitter)), MAX_RETRY_DELAY_MS);
}

/**
 * Messages that carry a short-lived secret are useless once it expired; sending one late only
 * confuses (and costs an SMS). The windows are the longest lifetimes SECURITY.md allows for each
 * (M09: codes ≤ 10 min; verification by email: 24 h), so a message is never dropped while its
 * secret could still work. Notices have no window: a late warning is still a warning.
 */
const DELIVERY_WINDOW_MS: Partial<Record<MessageTemplate, number>> = {
	sign_in_code: 10 * MINUTE,
	reauth_code: 10 * MINUTE,
	verify_phone_code: 10 * MINUTE,
	verify_email_code: DAY,
	verify_email_link: DAY,
	// A reset link is dead after its 30 minutes; sending it later only confuses.
	password_reset: 30 * MINUTE,
};

/** The moment after which a message of `template` created at `createdAt` is no longer sent, or null. */
export function outboxDeliveryDeadline(template: string, createdAt: Date): Date | null {
	const window = DELIVERY_WINDOW_MS[template as MessageTemplate];
	return window === undefined ? null : new Date(createdAt.getTime() + window);
}
