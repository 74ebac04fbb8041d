import { z } from "zod";
import { cursorPart } from "../shared/cursor";
import { ACTIVITY_CATEGORY_KEYS } from "./activity-categories";
import { AUDIT_ACTIONS } from "./audit-actions";

/** The page sizes the own-activity list offers; any other limit is refused. */
export const OWN_ACTIVITY_PAGE_SIZES = [10, 25, 50] as const;
export const OWN_ACTIVITY_DEFAULT_PAGE_SIZE = 25 satisfies (typeof OWN_ACTIVITY_PAGE_SIZES)[number];

/** What an own-activity cursor holds: the last row's (occurred_at, id), the list's sort key. */
export const ZOwnActivityCursor = z.tuple([cursorPart.date, cursorPart.positiveInt]);

export const ZOwnActivityInput = z.strictObject({
	/** One category of `ACTIVITY_CATEGORIES`; absent for every event. */
	category: z.enum(ACTIVITY_CATEGORY_KEYS).optional(),
	/** Opaque; the previous page's `nextCursor`. */
	cursor: z.string().max(256).optional(),
	limit: z.literal(OWN_ACTIVITY_PAGE_SIZES).default(OWN_ACTIVITY_DEFAULT_PAGE_SIZE),
});
export type TOwnActivityInput = z.output<typeof ZOwnActivityInput>;

/** The device of an event as parsed from its user agent ("Firefox 132", "Linux", "Apple iPhone"). */
export const ZActivityDevice = z.object({
	browser: z.string().nullable(),
	os: z.string().nullable(),
	device: z.string().nullable(),
});
export type TActivityDevice = z.output<typeof ZActivityDevice>;

/**
 * Who did it, as far as the user may know: "self" (the user, signed in), "other" (another user of
 * the tenant, i.e. an administrator, never named), or "none" (no one was signed in: a failed
 * attempt, or the system, such as a lockout or an automatic deactivation).
 */
export const ZActivityPerformer = z.enum(["self", "other", "none"]);
export type TActivityPerformer = z.output<typeof ZActivityPerformer>;

export const ZOwnActivityEvent = z.object({
	id: z.number().int(),
	occurredAt: z.date(),
	action: z.enum(AUDIT_ACTIONS),
	outcome: z.enum(["success", "failure"]),
	by: ZActivityPerformer,
	/** The address the request came from; null when unknown or when someone else acted. */
	ip: z.string().nullable(),
	/** Null when no user agent was recorded or when someone else acted. */
	device: ZActivityDevice.nullable(),
});

export type TOwnActivityEvent = z.output<typeof ZOwnActivityEvent>;

export const ZOwnActivityOutput = z.object({
	items: z.array(ZOwnActivityEvent),
	nextCursor: z.string().nullable(),
});
export type TOwnActivityOutput = z.output<typeof ZOwnActivityOutput>;
