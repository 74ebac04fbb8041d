import { createRoute } from "@tanstack/react-router";
import { toListInput, ZActivitySearch } from "../features/activity/activity-search";
import { authedRoute } from "./authed";

declare module "@tanstack/react-router" {
	interface HistoryState {
		/**
		 * Cursors of the activity pages before this one ("" for the first page), for "Newer":
		 * keyset paging only goes forward. Kept in the history entry, so reload and back/forward
		 * keep it; a shared link to a later page goes back to the newest events instead.
		 */
		activityPreviousCursors?: string[];
	}
}

/** Every signed-in person's own activity; the API reads only events about the caller. */
export const activityRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/activity",
	// Category, page size and page live in the URL; anything invalid is dropped.
	validateSearch: ZActivitySearch,
	// Start the page's query with the route's chunk: the input depends on the URL alone.
	loaderDeps: ({ search }) => toListInput(search),
	loader: ({ context, deps }) => context.trpcUtils.me.activity.prefetch(deps),
}).lazy(() => import("./activity.lazy").then((module) => module.route));
