import { sql } from "kysely";
import type { Db } from "./tx";

/** One hit on one throttle window: its key, and when the window ends should this hit open it. */
export interface ThrottleHit {
	key: string;
	expiresAt: Date;
}

/** A window's count after a hit, and when the window ends. */
export interface ThrottleCount {
	key: string;
	points: number;
	expires_at: Date;
}

/**
 * Counts one hit on each window in a single statement: a window that does not exist yet or has
 * ended starts again at 1, any other counts one more. The database serialises the upserts on
 * the key, so every process sharing the database draws from one count and no parallel hit is
 * lost. Keys are always hit in the caller's order, so two statements never wait on each other.
 */
export function hitThrottleWindows(db: Db, hits: ThrottleHit[], now: Date): Promise<ThrottleCount[]> {
	return db
		.insertInto("throttles")
		.values(hits.map((hit) => ({ key: hit.key, points: 1, expires_at: hit.expiresAt })))
		.onConflict((oc) =>
			oc.column("key").doUpdateSet({
				points: sql`case when throttles.expires_at <= ${now} then 1 else throttles.points + 1 end`,
				expires_at: sql`case when throttles.expires_at <= ${now} then excluded.expires_at else throttles.expires_at end`,
			}),
		)
		.returning(["key", "points", "expires_at"])
		.execute();
}

/** Deletes the windows that have ended (a periodic clean-up; a hit restarts an ended window itself). */
export async function deleteEndedThrottleWindows(db: Db, now: Date): Promise<number> {
	const result = await db.deleteFrom("throttles").where("expires_at", "<=", now).executeTakeFirst();
	return Number(result.numDeletedRows);
}
