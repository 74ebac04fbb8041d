import { createRoute } from "@tanstack/react-router";
import { ZUsersSearch } from "../features/admin-users/users-search";
import { PERMISSIONS } from "../features/auth/permissions";
import { requirePermission } from "./admin-guard";
import { authedRoute } from "./authed";

declare module "@tanstack/react-router" {
	interface HistoryState {
		/**
		 * Cursors of the user-list pages before this one ("" for the first page), for "Previous":
		 * keyset paging only goes forward. Kept in the history entry, so reload and back/forward
		 * keep it; a shared link to a later page goes back to the first page instead.
		 */
		adminUsersPreviousCursors?: string[];
	}
}

export const adminUsersRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/users",
	beforeLoad: requirePermission(PERMISSIONS.usersRead),
	// Search, filters, sort, page size and page live in the URL; anything invalid is dropped.
	validateSearch: ZUsersSearch,
}).lazy(() => import("./admin-users.lazy").then((module) => module.route));
