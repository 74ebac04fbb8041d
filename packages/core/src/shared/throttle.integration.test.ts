import { createTestDatabase, type TestDatabase } from "@tessera/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE, TestClock } from "./clock";
import { hitThrottle, purgeEndedThrottleWindows, type ThrottleWindow } from "./throttle.service";

let database: TestDatabase;
const clock = new TestClock(new Date("2026-03-01T09:00:00Z"));
const WINDOWS: ThrottleWindow[] = [
	{ name: "t-m", points: 5, durationMs: MINUTE },
	{ name: "t-h", points: 8, durationMs: 60 * MINUTE },
];

beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.destroy();
});

const points = async (key: string) =>
	(await database.db.selectFrom("throttles").select("points").where("key", "=", key).executeTakeFirst())?.points;

describe("hitThrottle", () => {
	it("counts 50 parallel hits exactly and allows only the window's points", async () => {
		const verdicts = await Promise.all(
			Array.from({ length: 50 }, () => hitThrottle({ db: database.db, clock }, WINDOWS, "192.0.2.1")),
		);
		expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(5);
		expect(await points("t-m:192.0.2.1")).toBe(50);
		expect(await points("t-h:192.0.2.1")).toBe(50);
		// Hits 6 to 8 find only the minute window closed; from the 9th the hour window, which ends later.
		const waits = verdicts.flatMap((verdict) => (verdict.allowed ? [] : [verdict.retryAfterSeconds]));
		expect(waits.filter((wait) => wait === 60)).toHaveLength(3);
		expect(waits.filter((wait) => wait === 3600)).toHaveLength(42);
	});

	it("restarts a window that ended, and says how long a closed one stays closed", async () => {
		const key = "192.0.2.2";
		for (let i = 0; i < 5; i++)
			expect(await hitThrottle({ db: database.db, clock }, WINDOWS, key)).toEqual({ allowed: true });
		clock.advance(20_000);
		expect(await hitThrottle({ db: database.db, clock }, WINDOWS, key)).toEqual({
			allowed: false,
			retryAfterSeconds: 40,
		});
		clock.advance(40_000);
		expect(await hitThrottle({ db: database.db, clock }, WINDOWS, key)).toEqual({ allowed: true });
		expect(await points(`t-m:${key}`)).toBe(1);
		// The hour window kept counting: 7 hits, one more allowed, then closed.
		expect(await hitThrottle({ db: database.db, clock }, WINDOWS, key)).toEqual({ allowed: true });
		expect(await hitThrottle({ db: database.db, clock }, WINDOWS, key)).toEqual({
			allowed: false,
			retryAfterSeconds: 3540,
		});
	});

	it("housekeeping deletes ended windows only", async () => {
		clock.advance(2 * MINUTE);
		await hitThrottle({ db: database.db, clock }, WINDOWS, "192.0.2.3");
		expect(await purgeEndedThrottleWindows({ db: database.db, clock })).toBe(2);
		const keys = (await database.db.selectFrom("throttles").select("key").orderBy("key").execute()).map((r) => r.key);
		expect(keys).toEqual(["t-h:192.0.2.1", "t-h:192.0.2.2", "t-h:192.0.2.3", "t-m:192.0.2.3"]);
	});
});
