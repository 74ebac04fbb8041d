import { describe, expect, it } from "vitest";
import { DEADLINE_REMINDER_MS, deadlineUrgency } from "./mfa-deadline";

describe("deadlineUrgency", () => {
	const now = new Date("2027-03-01T12:00:00Z");
	it.each([
		[DEADLINE_REMINDER_MS + 1, "later"],
		[DEADLINE_REMINDER_MS, "soon"],
		[1, "soon"],
		[0, "overdue"],
		[-1, "overdue"],
	] as const)("%i ms before the deadline is %s", (left, urgency) => {
		expect(deadlineUrgency(new Date(now.getTime() + left), now)).toBe(urgency);
	});
});
