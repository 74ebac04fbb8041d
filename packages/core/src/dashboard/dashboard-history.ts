/**
 * Figures over time from the figures now and how they changed (migration 0011 keeps the changes,
 * not a copy per day): the derivation, kept apart from the queries so it can be tested alone.
 */

/**
 * The figures at the end of each of `days` (oldest first, today last): today's end is `now`, and
 * each earlier day ends with the next day's figures minus what changed on that next day. A
 * change dated after today (the database's clock a little ahead of the caller's) is already in
 * `now`, so it counts as today's and no earlier day keeps it.
 */
export function figuresAtDayEnds<K extends string>(
	days: readonly string[],
	now: Readonly<Record<K, number>>,
	changes: readonly (Readonly<Record<K, number>> & { day: string })[],
	keys: readonly K[],
): Record<K, number>[] {
	const byDay = new Map(changes.map((change) => [change.day, change]));
	const ends: Record<K, number>[] = new Array(days.length);
	let running = { ...now } as Record<K, number>;
	for (let index = days.length - 1; index >= 0; index--) {
		ends[index] = running;
		const change = byDay.get(days[index] ?? "");
		if (change) {
			const before = { ...running };
			for (const key of keys) before[key] = running[key] - change[key];
			running = before;
		}
	}
	return ends;
}

/**
 * The days whose end is known: those ending after `since` (when counting began; null: always).
 * `starts[i]` is when day i starts, so day i ends at `starts[i + 1]`; the last day is today.
 */
export function daysKnownSince(starts: readonly Date[], since: Date | null): boolean[] {
	return starts.map((_, index) => {
		const end = starts[index + 1];
		return since === null || end === undefined || end.getTime() > since.getTime();
	});
}

/** `part` of `whole` as a share 0–1; 0 for an empty whole. */
export function shareOf(part: number, whole: number): number {
	return whole > 0 ? part / whole : 0;
}
