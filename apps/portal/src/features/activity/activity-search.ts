import { ACTIVITY_CATEGORY_KEYS } from "@tessera/core/audit/activity-categories";
import {
	OWN_ACTIVITY_DEFAULT_PAGE_SIZE,
	OWN_ACTIVITY_PAGE_SIZES,
	ZOwnActivityInput,
} from "@tessera/core/audit/own-activity.schema";
import { z } from "zod";
import { optionalParam, withoutDefault, withoutUndefined, ZUrlText, zPageSize } from "../../lib/url-search";
import type { RouterInputs } from "../../trpc";

type ListInput = RouterInputs["me"]["activity"];
export type ActivityCategory = NonNullable<ListInput["category"]>;
export type PageSize = (typeof OWN_ACTIVITY_PAGE_SIZES)[number];

/** The categories in the order the filter offers them (core's order). */
export const ACTIVITY_CATEGORIES: readonly ActivityCategory[] = ACTIVITY_CATEGORY_KEYS;
export const PAGE_SIZES = OWN_ACTIVITY_PAGE_SIZES;

/** The API's own rules for each param: a value it would refuse is dropped here instead. */
const api = ZOwnActivityInput.shape;

/**
 * The activity page's view as kept in the URL (`/activity?category=sign_ins&size=50`), read
 * defensively: an unknown category or page size is dropped, so an edited or outdated link still
 * opens the page. Defaults are left out, so every view has one URL. A cursor the API does not
 * accept comes back as a validation error, and the page offers the newest events instead.
 */
export const ZActivitySearch = z
	.object({
		category: optionalParam(api.category.unwrap()),
		size: optionalParam(
			zPageSize(OWN_ACTIVITY_PAGE_SIZES).transform(withoutDefault<PageSize>(OWN_ACTIVITY_DEFAULT_PAGE_SIZE)),
		),
		/** Where the current page starts: the previous page's `nextCursor`. */
		cursor: optionalParam(ZUrlText.pipe(api.cursor.unwrap())),
	})
	.transform((search) => withoutUndefined(search));

export type ActivitySearch = z.output<typeof ZActivitySearch>;

/** True when the list is narrowed to one category. */
export function hasFilters(search: ActivitySearch): boolean {
	return search.category !== undefined;
}

/** Raw values from the controls ("" for every category); they go through the same parser as the URL. */
export type SearchChanges = { category?: string; size?: number };

/** The search after a control changed: back to the newest events, defaults left out. */
export function withChanges(search: ActivitySearch, changes: SearchChanges): ActivitySearch {
	return ZActivitySearch.parse({ ...search, ...changes, cursor: undefined });
}

/** Every category again; the page size stays. */
export function withoutFilters(search: ActivitySearch): ActivitySearch {
	return ZActivitySearch.parse({ size: search.size });
}

export function pageSizeOf(search: ActivitySearch): PageSize {
	return search.size ?? OWN_ACTIVITY_DEFAULT_PAGE_SIZE;
}

/** The `me.activity` input for this view's page. */
export function toListInput(search: ActivitySearch): ListInput {
	return withoutUndefined({ category: search.category, cursor: search.cursor, limit: pageSizeOf(search) });
}
