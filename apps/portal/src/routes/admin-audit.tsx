import { createRoute, useLocation } from "@tanstack/react-router";
import { Alert } from "@tessera/ui/alert";
import { Button } from "@tessera/ui/button";
import { Spinner } from "@tessera/ui/spinner";
import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../components/error-alert";
import {
	type AuditSearch,
	exportHref,
	hasFilters,
	pageSizeOf,
	parseAuditSearch,
	toListInput,
	withFilter,
	withoutFilters,
} from "../features/admin-audit/audit-search";
import { AuditFilters } from "../features/admin-audit/components/audit-filters";
import { AuditPagination } from "../features/admin-audit/components/audit-pagination";
import { AuditTable } from "../features/admin-audit/components/audit-table";
import { useAuditList } from "../features/admin-audit/hooks/use-audit-list";
import { hasPermission, PERMISSIONS } from "../features/auth/permissions";
import { useMe } from "../features/profile/hooks/use-me";
import { effectiveTimeZone } from "../lib/dates";
import { hasDomainCode } from "../lib/errors";
import { keysetPaging } from "../lib/keyset-paging";
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
	validateSearch: (search: Record<string, unknown>): AuditSearch => parseAuditSearch(search),
	component: AdminAuditPage,
});

function AdminAuditPage() {
	const { t } = useTranslation();
	const me = useMe();
	const search = adminAuditRoute.useSearch();
	const navigate = adminAuditRoute.useNavigate();
	const previousCursors = useLocation({ select: (location) => location.state.adminAuditPreviousCursors });
	const timeZone = effectiveTimeZone(me.timeZone);
	const input = useMemo(() => toListInput(search, timeZone), [search, timeZone]);
	const list = useAuditList(input);
	const exportHintId = useId();

	const items = list.data?.items ?? [];
	const isBusy = list.isPlaceholderData;

	const show = (next: AuditSearch, cursors?: string[]) => {
		void navigate({ search: next, state: (state) => ({ ...state, adminAuditPreviousCursors: cursors }) });
	};
	// Newest first: the next page holds older events.
	const {
		goNext: goOlder,
		goPrevious: goNewer,
		pageNumber,
	} = keysetPaging(search, previousCursors, list.data?.nextCursor, show);

	return (
		<div className="portal-stack portal-stack--lg admin-audit">
			<header className="portal-page-header admin-audit-header">
				<div>
					<h1>{t("adminAudit.title")}</h1>
					<p className="portal-muted">{t("adminAudit.subtitle")}</p>
				</div>
				<div className="admin-audit-header__export">
					{/* A plain download link: the API streams the CSV with the same session cookie. */}
					<a
						className="ui-button ui-button--secondary"
						href={exportHref(search, timeZone)}
						download
						aria-describedby={exportHintId}
					>
						<span className="ui-button__label">{t("adminAudit.export")}</span>
					</a>
					<span id={exportHintId} className="portal-muted">
						{t("adminAudit.exportHint")}
					</span>
				</div>
			</header>

			<AuditFilters search={search} onChange={(next) => show(next)} />

			<div className="portal-stack">
				{isBusy && (
					<div className="admin-audit-summary">
						<Spinner size="sm" label={t("app.loading")} />
					</div>
				)}

				{list.isPending && <Spinner label={t("adminAudit.loading")} />}

				{list.error &&
					(hasDomainCode(list.error, "VALIDATION") && search.cursor ? (
						// An outdated or edited page link: the filters still make sense.
						<Alert
							tone="warning"
							title={t("adminAudit.pageExpired")}
							action={
								<Button variant="secondary" size="sm" onClick={() => show({ ...search, cursor: undefined })}>
									{t("adminAudit.firstPage")}
								</Button>
							}
						/>
					) : (
						<div className="portal-stack portal-stack--sm">
							<ErrorAlert error={list.error} title={t("adminAudit.loadFailed")} />
							<div>
								<Button variant="secondary" size="sm" onClick={() => void list.refetch()}>
									{t("common.tryAgain")}
								</Button>
							</div>
						</div>
					))}

				{list.data && items.length === 0 && !list.error && (
					<Alert
						tone="info"
						title={hasFilters(search) ? t("adminAudit.emptyFiltered") : t("adminAudit.empty")}
						action={
							hasFilters(search) ? (
								<Button variant="secondary" size="sm" onClick={() => show(withoutFilters(search))}>
									{t("adminAudit.filters.clear")}
								</Button>
							) : undefined
						}
					/>
				)}

				{items.length > 0 && !list.error && (
					<AuditTable
						items={items}
						timeZone={me.timeZone}
						canOpenUsers={hasPermission(me, PERMISSIONS.usersRead)}
						onFilter={(changes) => show(withFilter(search, changes))}
						isBusy={isBusy}
					/>
				)}

				{list.data && !list.error && (items.length > 0 || search.cursor) && (
					<AuditPagination
						pageSize={pageSizeOf(search)}
						onPageSize={(size) => show(withFilter(search, { size }))}
						page={pageNumber}
						hasNewer={search.cursor !== undefined}
						hasOlder={Boolean(list.data.nextCursor)}
						onNewer={goNewer}
						onOlder={goOlder}
						isBusy={isBusy}
					/>
				)}
			</div>
		</div>
	);
}
