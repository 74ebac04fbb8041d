import { foldSettledDashboardCounters } from "@tessera/core/dashboard/dashboard.service";
import { deactivateDormantUsers } from "@tessera/core/jobs/dormancy.service";
import { sendPasswordExpiryReminders } from "@tessera/core/jobs/password-reminders.service";
import { purgeDueUsers } from "@tessera/core/jobs/purge.service";
import { redactKeptSecrets } from "@tessera/core/messaging/outbox.service";
import { purgeExpiredPasskeyChallenges } from "@tessera/core/passkeys/passkey.service";
import type { Clock } from "@tessera/core/shared/clock";
import { purgeEndedThrottleWindows } from "@tessera/core/shared/throttle.service";
import type { DB } from "@tessera/db/schema";
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";

const HOUR_MS = 3_600_000;
/** After a run with a failure (the database away, say), the next comes this much sooner. */
const RETRY_MS = 60_000;

export interface Jobs {
	/** No new run starts; resolves once the run in progress, if any, has finished. */
	stop(): Promise<void>;
}

/**
 * Periodic housekeeping, hourly and once at start: password-expiry reminders, expired WebAuthn
 * challenges and throttle windows, codes and links a development mailbox kept past a day, dormant accounts (warned,
 * then deactivated), the purge of users whose planned purge date has passed, and the folding of past
 * quarter-hours' dashboard counters into one row each. Each job is idempotent
 * and runs on its own, so one failing does not hold up the others, and several server processes
 * may run them at once. A run that failed is tried again after a minute, so housekeeping resumes
 * soon after the database comes back.
 */
export function startJobs(options: {
	db: Kysely<DB>;
	clock: Clock;
	logger: FastifyBaseLogger;
	/** Delays between runs; tests shorten them. */
	intervalMs?: number;
	retryMs?: number;
}): Jobs {
	const intervalMs = options.intervalMs ?? HOUR_MS;
	const retryMs = options.retryMs ?? RETRY_MS;
	let failed = false;
	const step = async <T>(name: string, job: () => Promise<T>): Promise<T | null> => {
		try {
			return await job();
		} catch (error) {
			failed = true;
			options.logger.error({ err: error, job: name }, "housekeeping job failed");
			return null;
		}
	};
	const run = async () => {
		failed = false;
		const reminders = (await step("password-reminders", () => sendPasswordExpiryReminders(options))) ?? 0;
		const challenges = (await step("passkey-challenges", () => purgeExpiredPasskeyChallenges(options))) ?? 0;
		const redacted = (await step("outbox-redaction", () => redactKeptSecrets(options))) ?? 0;
		const dormancy = await step("dormancy", () => deactivateDormantUsers(options));
		const throttles = (await step("throttles", () => purgeEndedThrottleWindows(options))) ?? 0;
		const purge = await step("purge", () => purgeDueUsers(options));
		const folded = (await step("dashboard-counters", () => foldSettledDashboardCounters(options))) ?? 0;
		// Ids only: a purge failure must not put the personal data it was removing into the log.
		for (const failure of purge?.failed ?? []) {
			failed = true;
			options.logger.error(
				{ err: failure.error, tenantId: failure.tenantId, userId: failure.userId },
				"purge of a user failed; retried on the next run",
			);
		}
		const purged = purge?.purged ?? 0;
		const warned = dormancy?.warned ?? 0;
		const deactivated = dormancy?.deactivated ?? 0;
		if (reminders + challenges + redacted + warned + deactivated + throttles + purged + folded > 0)
			options.logger.info(
				{ reminders, challenges, redacted, warned, deactivated, throttles, purged, folded },
				"housekeeping done",
			);
	};

	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let current: Promise<void> = Promise.resolve();
	const cycle = () => {
		current = run().finally(() => {
			if (stopped) return;
			timer = setTimeout(cycle, failed ? retryMs : intervalMs);
			timer.unref();
		});
	};
	cycle();
	return {
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await current;
		},
	};
}
