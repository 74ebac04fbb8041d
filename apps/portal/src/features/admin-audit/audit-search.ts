import { ZListAuditInput } from "@tessera/core/audit/audit.schema";
import { decodeIdCursor } from "@tessera/core/shared/cursor";
import superjson from "superjson";
import { z } from "zod";
import { optionalParam, withoutDefault, withoutUndefined, ZUrlText, zPageSize } from "../../lib/url-search";
import type { RouterInputs } from "../../trpc";
import { startOfDayInZone, ZCalendarDate } from "../admin-users/zoned-date";

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

/** The API's own rules for each filter: a value it would refuse is dropped here instead. */
const api = ZListAuditInput.shape;
/** A complete user id, as the API takes it (what the actor and target filters take). */
const ZUserId = z.string().trim().toLowerCase().pipe(api.actorUserId.unwrap());

/** True for a complete user id (what the actor and target filters take). */
export function isUserId(value: string): boolean {
	return ZUserId.safeParse(value).success;
}

/** True for a cursor the API's audit log would read (the id of the last event shown). */
function isAuditCursor(cursor: string): boolean {
	try {
		decodeIdCursor(cursor);
		return true;
	} catch {
		return false;
	}
}

/**
 * The audit log's view as kept in the URL (`/admin/audit?outcome=failure&action=auth.`), read
 * defensively: anything unknown, malformed or out of range is dropped, so an edited or outdated
 * link still opens a working log rather than an API error. Defaults are left out, so a plain
 * `/admin/audit` is the whole log, newest first, and every view has one URL.
 */
export const ZAuditSearch = z
	.object({
		/** An exact action code, or a category prefix ending in "." ("auth."). */
		action: optionalParam(
			z
				.string()
				.trim()
				.toLowerCase()
				.pipe(api.action.unwrap())
				// "." alone, or ".x", is a prefix of no action: it would only ever find nothing.
				.refine((action) => !action.startsWith(".")),
		),
		/** User id of whoever acted. */
		actor: optionalParam(ZUserId),
		/** User id of the user the event is about. */
		target: optionalParam(ZUserId),
		outcome: optionalParam(api.outcome.unwrap()),
		ip: optionalParam(ZUrlText.transform((text) => text.trim() || undefined).pipe(api.ip)),
		/** On or after this day (YYYY-MM-DD, in the viewer's time zone). */
		from: optionalParam(ZCalendarDate),
		/** On or before this day (inclusive, YYYY-MM-DD, in the viewer's time zone). */
		to: optionalParam(ZCalendarDate),
		size: optionalParam(zPageSize(PAGE_SIZES).transform(withoutDefault<PageSize>(DEFAULT_PAGE_SIZE))),
		/** Where the current page starts: the previous page's `nextCursor`. */
		cursor: optionalParam(ZUrlText.pipe(api.cursor.unwrap()).refine(isAuditCursor)),
	})
	.transform(<T extends { from?: string | undefined; to?: string | undefined }>(search: T): T => {
		const { from, to } = search;
		// A range that ends before it starts would find nothing: read it the way it was meant.
		return withoutUndefined(
			from !== undefined && to !== undefined && from > to ? { ...search, from: to, to: from } : search,
		);
	});

export type AuditSearch = z.output<typeof ZAuditSearch>;

/** The search keys that narrow the log (what "Clear filters" removes). */
export const FILTER_KEYS = ["action", "actor", "target", "outcome", "ip", "from", "to"] as const;

/** True when any filter (not the page size) narrows the log. */
export function hasFilters(search: AuditSearch): boolean {
	return FILTER_KEYS.some((key) => search[key] !== undefined);
}

/** Raw values from the filter controls ("" for "any"); they go through the same parser as the URL. */
export type SearchChanges = { [K in keyof AuditSearch]?: string | number };

/** The search after filters changed: back to the first page, empty and default values left out. */
export function withFilter(search: AuditSearch, changes: SearchChanges): AuditSearch {
	return ZAuditSearch.parse({ ...search, ...changes, cursor: undefined });
}

/** The search without any filter; the page size stays. */
export function withoutFilters(search: AuditSearch): AuditSearch {
	return ZAuditSearch.parse({ size: search.size });
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
