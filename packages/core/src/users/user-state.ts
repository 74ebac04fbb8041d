import type { UserState } from "@tessera/db/schema";
import { IllegalStateTransitionError } from "./user.errors";

/**
 * The lifecycle of seed 002. `create` → `active` when set-up completes; `active` ↔ `inactive`;
 * either → `deleting` (purge date set); `deleting` → `deleted` by the purge job, or back to
 * `inactive` when an admin restores the user before the purge date. `deleted` is final.
 */
export const USER_TRANSITIONS: Readonly<Record<UserState, readonly UserState[]>> = {
	create: ["active"],
	active: ["inactive", "deleting"],
	inactive: ["active", "deleting"],
	deleting: ["deleted", "inactive"],
	deleted: [],
};

export function canTransition(from: UserState, to: UserState): boolean {
	return USER_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: UserState, to: UserState): void {
	if (!canTransition(from, to)) throw new IllegalStateTransitionError(from, to);
}

/** Only active users can sign in or use a session. */
export function canAct(state: UserState): boolean {
	return state === "active";
}
