import "../i18n/admin-strings";
import { createLazyRoute, getRouteApi, useLocation } from "@tanstack/react-router";
import { ButtonLink } from "@tessera/ui/button-link";
import { ListPage } from "@tessera/ui/list-page";
import { Pagination, pageRange } from "@tessera/ui/pagination";
import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EmptyListAlert, KeysetListError } from "../components/keyset-list-states";
import { usePageRangeFormat } from "../components/use-page-range-format";
import {
	type AuditSearch,
	exportHref,
	hasFilters,
	PAGE_SIZES,
	pageSizeOf,
	toListInput,
	withFilter,
	withoutFilters,
} from "../features/admin-audit/audit-search";
import { AuditFilters } from "../features/admin-audit/components/audit-filters";
import { AuditTable } from "../features/admin-audit/components/audit-table";
import { useAuditList } from "../features/admin-audit/hooks/use-audit-list";
import { hasPermission, PERMISSIONS } from "../features/auth/permissions";
import { useMe } from "../features/profile/hooks/use-me";
import { effectiveTimeZone } from "../lib/dates";
import { keysetPaging } from "../lib/keyset-paging";

// getRouteApi, not an import of ./admin-audit: the lazy chunk must not pull the route file back in.
const adminAuditRoute = getRouteApi("/_authed/admin/audit");

export const route = createLazyRoute("/_authed/admin/audit")({ component: AdminAuditPage });

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
	const formatRange = usePageRangeFormat();

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

	const hasListError = Boolean(list.error);
	return (
		<ListPage
			className="admin-audit"
			title={t("adminAudit.title")}
			description={t("adminAudit.subtitle")}
			actions={
				<div className="admin-audit-header__export">
					{/* A plain download link: the API streams the CSV with the same session cookie. */}
					<ButtonLink variant="secondary" href={exportHref(search, timeZone)} download aria-describedby={exportHintId}>
						{t("adminAudit.export")}
					</ButtonLink>
					<span id={exportHintId} className="portal-muted">
						{t("adminAudit.exportHint")}
					</span>
				</div>
			}
			filters={<AuditFilters search={search} onChange={(next) => show(next)} />}
			isBusy={isBusy}
			busyLabel={t("app.loading")}
			isLoading={list.isPending}
			loadingLabel={t("adminAudit.loading")}
			error={
				list.error && (
					<KeysetListError
						error={list.error}
						onPage={Boolean(search.cursor)}
						pageExpiredTitle={t("adminAudit.pageExpired")}
						firstPageLabel={t("adminAudit.firstPage")}
						loadFailedTitle={t("adminAudit.loadFailed")}
						onFirstPage={() => show({ ...search, cursor: undefined })}
						onRetry={() => void list.refetch()}
					/>
				)
			}
			isEmpty={items.length === 0}
			empty={
				<EmptyListAlert
					filtered={hasFilters(search)}
					emptyTitle={t("adminAudit.empty")}
					emptyFilteredTitle={t("adminAudit.emptyFiltered")}
					clearLabel={t("adminAudit.filters.clear")}
					onClear={() => show(withoutFilters(search))}
				/>
			}
			pagination={
				list.data &&
				!hasListError &&
				(items.length > 0 || search.cursor) && (
					<Pagination
						label={t("adminAudit.pagination.label")}
						range={pageRange({
							page: pageNumber,
							pageSize: pageSizeOf(search),
							itemCount: items.length,
							hasNext: Boolean(list.data.nextCursor),
						})}
						formatRange={formatRange}
						pageSize={{
							label: t("adminAudit.pagination.pageSize"),
							value: pageSizeOf(search),
							options: PAGE_SIZES,
							onChange: (size) => show(withFilter(search, { size })),
						}}
						previousLabel={t("adminAudit.pagination.previous")}
						nextLabel={t("adminAudit.pagination.next")}
						hasPrevious={search.cursor !== undefined}
						hasNext={Boolean(list.data.nextCursor)}
						onPrevious={goNewer}
						onNext={goOlder}
						isBusy={isBusy}
					/>
				)
			}
		>
			<AuditTable
				items={items}
				timeZone={me.timeZone}
				canOpenUsers={hasPermission(me, PERMISSIONS.usersRead)}
				onFilter={(changes) => show(withFilter(search, changes))}
				isBusy={isBusy}
			/>
		</ListPage>
	);
}
