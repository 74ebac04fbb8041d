import { createRoute } from "@tanstack/react-router";
import { ZAuditSearch } from "../features/admin-audit/audit-search";
import { PERMISSIONS } from "../features/auth/permissions";
import { requireTenantPermission } from "./admin-guard";
import { authedRoute } from "./authed";

declare module "@tanstack/react-router" {
	interface HistoryState {
		/**
		 * Cursors of the audit-log pages before this one ("" for the first page), for "Newer":
		 * keyset paging only goes forward. Kept in the history entry, so reload and back/forward
		 * keep it; a shared link to a later page goes back to the newest events instead.
		 */
		adminAuditPreviousCursors?: string[];
	}
}

export const adminAuditRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/audit",
	// The log names people across accounts, so the API serves it to tenant-wide readers only.
	beforeLoad: requireTenantPermission(PERMISSIONS.auditRead),
	// Filters, page size and page live in the URL; anything invalid is dropped.
	validateSearch: ZAuditSearch,
}).lazy(() => import("./admin-audit.lazy").then((module) => module.route));
