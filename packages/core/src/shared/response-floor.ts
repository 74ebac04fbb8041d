import { setTimeout as sleep } from "node:timers/promises";

/**
 * Runs `work` and returns its result no sooner than `floorMs` after the call began (wall-clock
 * time, not the injected Clock: what an observer measures is real time). For answers that must
 * not reveal which branch ran: a known address does more work (a token, a message) than an
 * unknown one, and on a busy database that difference is measurable from outside; padding both
 * to one floor leaves nothing to compare as long as the work fits under it. A failure is padded
 * too, then rethrown.
 */
export async function withResponseFloor<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
	const started = performance.now();
	try {
		return await work();
	} finally {
		const left = floorMs - (performance.now() - started);
		if (left > 0) await sleep(left);
	}
}
