import superjson from "superjson";
import type { RouterInputs } from "../../trpc";
import { isCalendarDate, startOfDayInZone } from "../admin-users/zoned-date";

type ListInput = RouterInputs["audit"]["list"];
export type AuditOutcome = NonNullable<ListInput["outcome"]>;

// Keyed by the API's own union: an outcome the API adds or drops fails to compile here.
const OUTCOME_ORDER: Record<AuditOutcome, number> = { success: 0, failure: 1 };
export const AUDIT_OUTCOMES = (Object.keys(OUTCOME_ORDER) as AuditOutcome[]).sort(
	(a, b) => OUTCOME_ORDER[a] - OUTCOME_ORDER[b],
);
export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;

/** The API's rule for `action`: an exact code or a prefix ending in "." (e.g. "auth."). */
const ACTION_PATTERN = /^[a-z_.]{1,64}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The API's cursor is the id of the last event shown. */
const CURSOR_PATTERN = /^[1-9][0-9]{0,15}$/;
export const IP_MAX_LENGTH = 64;

/** True for a complete user id (what the actor and target filters take). */
export function isUserId(value: string): boolean {
	return UUID_PATTERN.test(value);
}

/**
 * The audit log's view as kept in the URL (`/admin/audit?outcome=failure&action=auth.`).
 * Defaults are left out, so a plain `/admin/audit` is the whole log, newest first.
 */
export interface AuditSearch {
	/** An exact action code, or a category prefix ending in "." ("auth."). */
	action?: string;
	/** User id of whoever acted. */
	actor?: string;
	/** User id of the user the event is about. */
	target?: string;
	outcome?: AuditOutcome;
	ip?: string;
	/** On or after this day (YYYY-MM-DD, in the viewer's time zone). */
	from?: string;
	/** On or before this day (inclusive, YYYY-MM-DD, in the viewer's time zone). */
	to?: string;
	size?: PageSize;
	/** Where the current page starts: the previous page's opaque `nextCursor`. */
	cursor?: string;
}

/** The search keys that narrow the log (what "Clear filters" removes). */
export const FILTER_KEYS = ["action", "actor", "target", "outcome", "ip", "from", "to"] as const;

/** The router parses plain values as JSON (`?ip=1` arrives as a number): read them back as text. */
function readText(value: unknown): string | undefined {
	if (typeof value === "string") {
		return value;
	}
	if (typeof value === "number" || typeof value === "boolean") {
		return String(value);
	}
	return undefined;
}

function readMatching(value: unknown, pattern: RegExp): string | undefined {
	const text = readText(value)?.trim();
	return text !== undefined && pattern.test(text) ? text : undefined;
}

function readDay(value: unknown): string | undefined {
	const text = readText(value);
	return text !== undefined && isCalendarDate(text) ? text : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/**
 * Reads the URL's search params defensively: anything unknown, malformed or out of range is
 * dropped, so an edited or outdated link still opens a working log rather than an API error.
 * Default values are dropped too, so every view has one URL.
 */
export function parseAuditSearch(raw: Record<string, unknown>): AuditSearch {
	const action = readMatching(readText(raw.action)?.toLowerCase(), ACTION_PATTERN);
	const outcomeText = readText(raw.outcome);
	const ip = readText(raw.ip)?.trim();
	const sizeText = readText(raw.size);
	const size = PAGE_SIZES.find((item) => String(item) === sizeText);
	let from = readDay(raw.from);
	let to = readDay(raw.to);
	// A range that ends before it starts would find nothing: read it the way it was meant.
	if (from !== undefined && to !== undefined && from > to) {
		[from, to] = [to, from];
	}
	return withoutUndefined({
		action: action && !action.startsWith(".") ? action : undefined,
		actor: readMatching(raw.actor, UUID_PATTERN)?.toLowerCase(),
		target: readMatching(raw.target, UUID_PATTERN)?.toLowerCase(),
		outcome: AUDIT_OUTCOMES.find((outcome) => outcome === outcomeText),
		ip: ip && ip.length <= IP_MAX_LENGTH ? ip : undefined,
		from,
		to,
		size: size === DEFAULT_PAGE_SIZE ? undefined : size,
		cursor: readMatching(raw.cursor, CURSOR_PATTERN),
	});
}

/** True when any filter (not the page size) narrows the log. */
export function hasFilters(search: AuditSearch): boolean {
	return FILTER_KEYS.some((key) => search[key] !== undefined);
}

/** Raw values from the filter controls ("" for "any"); they go through the same parser as the URL. */
export type SearchChanges = { [K in keyof AuditSearch]?: string | number };

/** The search after filters changed: back to the first page, empty and default values left out. */
export function withFilter(search: AuditSearch, changes: SearchChanges): AuditSearch {
	return parseAuditSearch({ ...search, ...changes, cursor: undefined });
}

/** The search without any filter; the page size stays. */
export function withoutFilters(search: AuditSearch): AuditSearch {
	return parseAuditSearch({ size: search.size });
}

export function pageSizeOf(search: AuditSearch): PageSize {
	return search.size ?? DEFAULT_PAGE_SIZE;
}

export type AuditFilter = Omit<ListInput, "cursor" | "limit">;

/**
 * The filter the API takes for this view. Calendar days become instants in the viewer's time
 * zone; the "to" day is inclusive, the API's `to` exclusive, hence the start of the next day.
 */
export function toAuditFilter(search: AuditSearch, timeZone: string): AuditFilter {
	return withoutUndefined({
		action: search.action,
		actorUserId: search.actor,
		targetUserId: search.target,
		outcome: search.outcome,
		ip: search.ip,
		from: search.from ? (startOfDayInZone(search.from, timeZone) ?? undefined) : undefined,
		to: search.to ? (startOfDayInZone(search.to, timeZone, 1) ?? undefined) : undefined,
	});
}

/** The `audit.list` input for this view's page (an explicit cursor, never a paging direction). */
export function toListInput(search: AuditSearch, timeZone: string): ListInput {
	return withoutUndefined({ ...toAuditFilter(search, timeZone), cursor: search.cursor, limit: pageSizeOf(search) });
}

/** The CSV download of the same filter (every page); superjson so the dates survive the URL. */
export function exportHref(search: AuditSearch, timeZone: string): string {
	return `/export/audit.csv?filter=${encodeURIComponent(superjson.stringify(toAuditFilter(search, timeZone)))}`;
}
