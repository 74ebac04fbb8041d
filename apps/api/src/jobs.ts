import { sendPasswordExpiryReminders } from "@tessera/core/jobs/password-reminders.service";
import { purgeExpiredPasskeyChallenges } from "@tessera/core/passkeys/passkey.service";
import type { Clock } from "@tessera/core/shared/clock";
import type { DB } from "@tessera/db/schema";
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";

const HOUR_MS = 3_600_000;

/**
 * Periodic housekeeping: password-expiry reminders and expired WebAuthn challenges, hourly and
 * once at start. Each job is idempotent, so several server processes may run it at once.
 */
export function startJobs(options: { db: Kysely<DB>; clock: Clock; logger: FastifyBaseLogger }): { stop(): void } {
	const run = async () => {
		try {
			const reminders = await sendPasswordExpiryReminders(options);
			const challenges = await purgeExpiredPasskeyChallenges(options.db, options.clock);
			if (reminders + challenges > 0) options.logger.info({ reminders, challenges }, "housekeeping done");
		} catch (error) {
			options.logger.error({ err: error }, "housekeeping failed");
		}
	};
	void run();
	const timer = setInterval(() => void run(), HOUR_MS);
	timer.unref();
	return { stop: () => clearInterval(timer) };
}
