import type { RouterOutputs } from "../../trpc";
import type { AuditSearch } from "../admin-audit/audit-search";
import { USER_STATES, type UserState } from "../admin-users/users-search";

export type Dashboard = RouterOutputs["dashboard"]["get"];
export type MfaMethod = keyof Dashboard["mfa"]["methods"];

// Keyed by the API's own union: a method the API adds fails to compile until it has a place here.
const METHOD_ORDER: Record<MfaMethod, number> = { passkey: 0, totp: 1, sms: 2, email: 3 };
export const MFA_METHODS = (Object.keys(METHOD_ORDER) as MfaMethod[]).sort((a, b) => METHOD_ORDER[a] - METHOD_ORDER[b]);

/** `part` as a share of `whole` (0–1); 0 for an empty whole, never above 1. */
export function shareOf(part: number, whole: number): number {
	if (!(whole > 0) || !(part > 0)) {
		return 0;
	}
	return Math.min(1, part / whole);
}

export interface Bar<K extends string> {
	key: K;
	count: number;
	/** Share of the group's total (0–1), for the figure in words. */
	share: number;
	/** Length of the bar: relative to the group's largest value, so the biggest fills the row. */
	length: number;
}

/** Bars for a group of counts, in the given order. */
export function barsOf<K extends string>(entries: readonly (readonly [K, number])[]): Bar<K>[] {
	const total = entries.reduce((sum, [, count]) => sum + count, 0);
	const largest = Math.max(0, ...entries.map(([, count]) => count));
	return entries.map(([key, count]) => ({ key, count, share: shareOf(count, total), length: shareOf(count, largest) }));
}

/** Users per state, in the user list's state order (active first). */
export function stateBars(byState: Dashboard["users"]["byState"]): Bar<UserState>[] {
	return barsOf(USER_STATES.map((state) => [state, byState[state]] as const));
}

/** Active users per preferred second-factor method. */
export function methodBars(methods: Dashboard["mfa"]["methods"]): Bar<MfaMethod>[] {
	return barsOf(MFA_METHODS.map((method) => [method, methods[method]] as const));
}

/** Users per role, as the API orders them (most first). */
export function roleBars(roles: Dashboard["roles"]): Bar<string>[] {
	return barsOf(roles.map((role) => [role.roleKey, role.users] as const));
}

function addDays(day: string, days: number): string {
	const date = new Date(`${day}T00:00:00.000Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

/**
 * The API's sign-ups per local day lists only days with sign-ups; a chart needs every day. The
 * `days` days ending with `today` (YYYY-MM-DD in the API's `timeZone`), oldest first, missing days counted as 0.
 */
export function signupDays(
	perDay: Dashboard["recentSignups"]["perDay"],
	today: string,
	days = 30,
): { day: string; count: number }[] {
	const counts = new Map(perDay.map((entry) => [entry.day, entry.count]));
	return Array.from({ length: days }, (_, index) => {
		const day = addDays(today, index - days + 1);
		return { day, count: counts.get(day) ?? 0 };
	});
}

export type ActivityKind = keyof Dashboard["activity"]["last30Days"];

/**
 * The audit-log filter of what each activity figure counts (the API's definitions: a sign-in is
 * an `auth.sign_in` event that succeeded, a failed sign-in one that failed, a lockout `auth.locked`).
 * Keyed by the API's own kinds: a kind it adds fails to compile until it has a filter here.
 */
export const ACTIVITY_SEARCH: Record<ActivityKind, Pick<AuditSearch, "action" | "outcome">> = {
	signIns: { action: "auth.sign_in", outcome: "success" },
	failures: { action: "auth.sign_in", outcome: "failure" },
	lockouts: { action: "auth.locked" },
};

/** The activity per day as one series of values per kind, in the order of `ACTIVITY_SEARCH`. */
export function activitySeries(perDay: Dashboard["activity"]["perDay"]): [ActivityKind, number[]][] {
	return (Object.keys(ACTIVITY_SEARCH) as ActivityKind[]).map((kind) => [kind, perDay.map((day) => day[kind])]);
}
