/**
 * How close to the MFA enrolment deadline the shell starts to remind people, in milliseconds:
 * under the default seven-day grace period a new account is not nagged from its first day.
 */
export const DEADLINE_REMINDER_MS = 3 * 24 * 60 * 60 * 1000;

export type DeadlineUrgency = "later" | "soon" | "overdue";

/**
 * Where the person stands against the server's enrolment deadline (`security.overview`
 * `mfa.enrolBy`, computed in core). Only the comparison with now happens here, never the rule.
 */
export function deadlineUrgency(enrolBy: Date, now: Date): DeadlineUrgency {
	const left = enrolBy.getTime() - now.getTime();
	if (left <= 0) {
		return "overdue";
	}
	return left <= DEADLINE_REMINDER_MS ? "soon" : "later";
}
