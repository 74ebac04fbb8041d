import { readCalendarDate } from "@tessera/ui/calendar-date";
import { z } from "zod";

/** True for a real calendar date written as YYYY-MM-DD (no 2026-02-30, no 2026-1-5). */
export function isCalendarDate(value: string): boolean {
	return readCalendarDate(value) !== null;
}

/** A calendar day as a URL param of the date filters (YYYY-MM-DD, a day that exists). */
export const ZCalendarDate = z.string().refine(isCalendarDate);

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat("en-US", {
		timeZone,
		hourCycle: "h23",
		year: "numeric",
		month: "2-digit",
		day: "2-digit",
		hour: "2-digit",
		minute: "2-digit",
		second: "2-digit",
	}).formatToParts(new Date(instant));
	const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	const wallClockAsUtc = Date.UTC(
		part("year"),
		part("month") - 1,
		part("day"),
		part("hour"),
		part("minute"),
		part("second"),
	);
	return wallClockAsUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a calendar day starts in a time zone (the admin's, not the server's or UTC), with
 * `addDays` to move to a later day first. Null for anything that is not a real YYYY-MM-DD date.
 * Daylight-saving changes happen at night in practice, so midnight always exists; the second
 * pass corrects the offset when the day starts on the other side of a change.
 */
export function startOfDayInZone(value: string, timeZone: string, addDays = 0): Date | null {
	const date = readCalendarDate(value);
	if (!date) {
		return null;
	}
	const wallClock = Date.UTC(date.year, date.month - 1, date.day + addDays);
	const firstGuess = wallClock - zoneOffsetMs(wallClock, timeZone);
	return new Date(wallClock - zoneOffsetMs(firstGuess, timeZone));
}
