import { ZRoleKey } from "@tessera/core/roles/role-admin.schema";
import { USER_SEARCH_MAX_LENGTH, ZListUsersInput } from "@tessera/core/users/user-list.schema";
import superjson from "superjson";
import { z } from "zod";
import { optionalParam, withoutDefault, withoutUndefined, ZUrlText, zPageSize } from "../../lib/url-search";
import type { RouterInputs } from "../../trpc";
import { startOfDayInZone, ZCalendarDate } from "./zoned-date";

type ListInput = RouterInputs["users"]["list"];
export type UserState = NonNullable<ListInput["states"]>[number];
export type UserType = NonNullable<ListInput["userTypes"]>[number];
export type MfaMethod = NonNullable<ListInput["mfaMethods"]>[number];
export type SortField = NonNullable<ListInput["sort"]>;
export type SortDirection = NonNullable<ListInput["direction"]>;

// Records keyed by the API's own unions: a state, type, method or sort column the API adds or
// drops fails to compile here, so the filters can never offer a value the API would refuse.
const STATE_ORDER: Record<UserState, number> = { active: 0, inactive: 1, create: 2, deleting: 3, deleted: 4 };
const TYPE_ORDER: Record<UserType, number> = { human: 0, application: 1 };
const METHOD_ORDER: Record<MfaMethod, number> = { passkey: 0, totp: 1, sms: 2, email: 3 };
const SORT_ORDER: Record<SortField, number> = { name: 0, email: 1, created: 2, lastSignIn: 3, state: 4 };

function keysInOrder<K extends string>(order: Record<K, number>): K[] {
	return (Object.keys(order) as K[]).sort((a, b) => order[a] - order[b]);
}

export const USER_STATES = keysInOrder(STATE_ORDER);
/**
 * The states listed when no state is chosen: all but deleted, whose rows are scrubbed of names
 * and cannot be acted on. Asking for "Deleted" shows them; a user being deleted (still
 * restorable) is always listed.
 */
export const STATES_LISTED_BY_DEFAULT = USER_STATES.filter((state) => state !== "deleted");
/** The `state` value that lists every state, deleted included (what the dashboard's totals count). */
export const ALL_STATES = "all";
export const USER_TYPES = keysInOrder(TYPE_ORDER);
export const MFA_METHODS = keysInOrder(METHOD_ORDER);
export const SORT_FIELDS = keysInOrder(SORT_ORDER);
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const DEFAULT_SORT: SortField = "name";
export const DEFAULT_DIRECTION: SortDirection = "asc";
export const DEFAULT_PAGE_SIZE: PageSize = 25;

/** The API's own rules for each filter: a value it would refuse is dropped here instead. */
const api = ZListUsersInput.shape;

/**
 * The user list's view as kept in the URL (`/admin/users?q=ann&state=active&sort=created&dir=desc`),
 * read defensively: anything unknown, malformed or out of range is dropped, so an edited or
 * outdated link still opens a working list rather than an API error. Defaults are left out, so
 * a plain `/admin/users` is the default view and shared links stay short.
 */
export const ZUsersSearch = z
	.object({
		/** Text searched in email, first and last name and username (case-insensitive), capped. */
		q: optionalParam(
			ZUrlText.transform((text) => text.trim().slice(0, USER_SEARCH_MAX_LENGTH).trim() || undefined).pipe(api.search),
		),
		/** One state, or "all" for every state, deleted included (the default hides deleted). */
		state: optionalParam(z.union([api.states.unwrap().element, z.literal(ALL_STATES)])),
		/** A role key, e.g. "tenant_admin": only what could be one, since no other key finds anybody. */
		role: optionalParam(ZRoleKey.pipe(api.roleKeys.unwrap().element)),
		type: optionalParam(api.userTypes.unwrap().element),
		/** Two-step verification on or off. */
		mfa: optionalParam(z.enum(["on", "off"])),
		method: optionalParam(api.mfaMethods.unwrap().element),
		/** Holds a passkey or not, whatever the preferred second factor. */
		passkey: optionalParam(z.enum(["on", "off"])),
		/** An account id: users whose primary account it is. */
		account: optionalParam(z.string().trim().toLowerCase().pipe(api.accountId.unwrap())),
		/** Created on or after this day (YYYY-MM-DD, in the viewer's time zone). */
		from: optionalParam(ZCalendarDate),
		/** Created on or before this day (inclusive, YYYY-MM-DD, in the viewer's time zone). */
		to: optionalParam(ZCalendarDate),
		sort: optionalParam(api.sort.unwrap().transform(withoutDefault<SortField>(DEFAULT_SORT))),
		dir: optionalParam(api.direction.unwrap().transform(withoutDefault<SortDirection>(DEFAULT_DIRECTION))),
		size: optionalParam(zPageSize(PAGE_SIZES).transform(withoutDefault<PageSize>(DEFAULT_PAGE_SIZE))),
		/** Where the current page starts: the previous page's opaque `nextCursor`. */
		cursor: optionalParam(api.cursor.unwrap().min(1)),
	})
	.transform(withoutUndefined);

export type UsersSearch = z.output<typeof ZUsersSearch>;

/** The search keys that narrow the list (what "Clear filters" removes). */
export const FILTER_KEYS = ["q", "state", "role", "type", "mfa", "method", "passkey", "account", "from", "to"] as const;

/** True when any filter (not sort or page size) narrows the list. */
export function hasFilters(search: UsersSearch): boolean {
	return FILTER_KEYS.some((key) => search[key] !== undefined);
}

/** Raw values from the filter controls ("" for "any"); they go through the same parser as the URL. */
export type SearchChanges = { [K in keyof UsersSearch]?: string | number };

/**
 * The search after one filter changed: back to the first page (the old cursor belongs to the
 * old result set), empty and default values left out.
 */
export function withFilter(search: UsersSearch, changes: SearchChanges): UsersSearch {
	return ZUsersSearch.parse({ ...search, ...changes, cursor: undefined });
}

/** The search without any filter; sort and page size stay. */
export function withoutFilters(search: UsersSearch): UsersSearch {
	return ZUsersSearch.parse({ sort: search.sort, dir: search.dir, size: search.size });
}

/**
 * The search after a click on a column header: the sorted column flips direction, another
 * column starts ascending (dates newest first, which is what one looks for). First page again.
 */
export function withSort(search: UsersSearch, field: SortField): UsersSearch {
	const current = sortOf(search);
	const dir: SortDirection =
		current.field === field
			? current.direction === "asc"
				? "desc"
				: "asc"
			: field === "created" || field === "lastSignIn"
				? "desc"
				: "asc";
	return ZUsersSearch.parse({ ...search, sort: field, dir, cursor: undefined });
}

export function sortOf(search: UsersSearch): { field: SortField; direction: SortDirection } {
	return { field: search.sort ?? DEFAULT_SORT, direction: search.dir ?? DEFAULT_DIRECTION };
}

export function pageSizeOf(search: UsersSearch): PageSize {
	return search.size ?? DEFAULT_PAGE_SIZE;
}

export type UsersFilter = Omit<ListInput, "cursor" | "limit">;

/**
 * The filter and sort the API takes for this view. Calendar days become instants in the
 * viewer's time zone; the "to" day is inclusive, the API's `createdTo` exclusive, hence +1 day.
 */
export function toUsersFilter(search: UsersSearch, timeZone: string): UsersFilter {
	const { field, direction } = sortOf(search);
	return withoutUndefined({
		search: search.q,
		states: search.state === ALL_STATES ? USER_STATES : search.state ? [search.state] : STATES_LISTED_BY_DEFAULT,
		roleKeys: search.role ? [search.role] : undefined,
		userTypes: search.type ? [search.type] : undefined,
		mfaEnabled: search.mfa === undefined ? undefined : search.mfa === "on",
		mfaMethods: search.method ? [search.method] : undefined,
		hasPasskey: search.passkey === undefined ? undefined : search.passkey === "on",
		accountId: search.account,
		createdFrom: search.from ? (startOfDayInZone(search.from, timeZone) ?? undefined) : undefined,
		createdTo: search.to ? (startOfDayInZone(search.to, timeZone, 1) ?? undefined) : undefined,
		sort: field,
		direction,
	});
}

/** The `users.list` input for this view's page. */
export function toListInput(search: UsersSearch, timeZone: string): ListInput {
	return withoutUndefined({ ...toUsersFilter(search, timeZone), cursor: search.cursor, limit: pageSizeOf(search) });
}

/**
 * The CSV download of the same filter and sort (every page). The export endpoint takes the
 * filter as superjson so the dates survive the URL.
 */
export function exportHref(search: UsersSearch, timeZone: string): string {
	return `/export/users.csv?filter=${encodeURIComponent(superjson.stringify(toUsersFilter(search, timeZone)))}`;
}
