import { createLazyRoute, getRouteApi, useLocation } from "@tanstack/react-router";
import { ListPage } from "@tessera/ui/list-page";
import { Pagination, pageRange } from "@tessera/ui/pagination";
import { useTranslation } from "react-i18next";
import { EmptyListAlert, KeysetListError } from "../components/keyset-list-states";
import { usePageRangeFormat } from "../components/use-page-range-format";
import {
	type ActivitySearch,
	hasFilters,
	PAGE_SIZES,
	pageSizeOf,
	toListInput,
	withChanges,
	withoutFilters,
} from "../features/activity/activity-search";
import { ActivityFilters } from "../features/activity/components/activity-filters";
import { ActivityTable } from "../features/activity/components/activity-table";
import { useOwnActivity } from "../features/activity/hooks/use-own-activity";
import { useMe } from "../features/profile/hooks/use-me";
import { keysetPaging } from "../lib/keyset-paging";

// getRouteApi, not an import of ./activity: the lazy chunk must not pull the route file back in.
const activityRoute = getRouteApi("/_authed/activity");

export const route = createLazyRoute("/_authed/activity")({ component: ActivityPage });

function ActivityPage() {
	const { t } = useTranslation();
	const me = useMe();
	const search = activityRoute.useSearch();
	const navigate = activityRoute.useNavigate();
	const previousCursors = useLocation({ select: (location) => location.state.activityPreviousCursors });
	const list = useOwnActivity(toListInput(search));
	const formatRange = usePageRangeFormat();

	const items = list.data?.items ?? [];
	const isBusy = list.isPlaceholderData;
	const show = (next: ActivitySearch, cursors?: string[]) => {
		void navigate({ search: next, state: (state) => ({ ...state, activityPreviousCursors: cursors }) });
	};
	// Newest first: the next page holds older events.
	const {
		goNext: goOlder,
		goPrevious: goNewer,
		pageNumber,
	} = keysetPaging(search, previousCursors, list.data?.nextCursor, show);

	return (
		<ListPage
			title={t("activity.title")}
			description={
				<>
					{t("activity.subtitle")} {t("activity.placeNote")}
				</>
			}
			filters={<ActivityFilters search={search} onChange={(next) => show(next)} />}
			isBusy={isBusy}
			busyLabel={t("app.loading")}
			isLoading={list.isPending}
			loadingLabel={t("activity.loading")}
			error={
				list.error && (
					<KeysetListError
						error={list.error}
						onPage={Boolean(search.cursor)}
						pageExpiredTitle={t("activity.pageExpired")}
						firstPageLabel={t("activity.firstPage")}
						loadFailedTitle={t("activity.loadFailed")}
						onFirstPage={() => show({ ...search, cursor: undefined })}
						onRetry={() => void list.refetch()}
					/>
				)
			}
			isEmpty={items.length === 0}
			empty={
				<EmptyListAlert
					filtered={hasFilters(search)}
					emptyTitle={t("activity.empty")}
					emptyFilteredTitle={t("activity.emptyFiltered")}
					clearLabel={t("activity.filters.clear")}
					onClear={() => show(withoutFilters(search))}
				/>
			}
			pagination={
				list.data &&
				!list.error &&
				(items.length > 0 || search.cursor) && (
					<Pagination
						label={t("activity.pagination.label")}
						range={pageRange({
							page: pageNumber,
							pageSize: pageSizeOf(search),
							itemCount: items.length,
							hasNext: Boolean(list.data.nextCursor),
						})}
						formatRange={formatRange}
						pageSize={{
							label: t("activity.pagination.pageSize"),
							value: pageSizeOf(search),
							options: PAGE_SIZES,
							onChange: (size) => show(withChanges(search, { size })),
						}}
						previousLabel={t("activity.pagination.previous")}
						nextLabel={t("activity.pagination.next")}
						hasPrevious={search.cursor !== undefined}
						hasNext={Boolean(list.data.nextCursor)}
						onPrevious={goNewer}
						onNext={goOlder}
						isBusy={isBusy}
					/>
				)
			}
		>
			<ActivityTable items={items} timeZone={me.timeZone} isBusy={isBusy} />
		</ListPage>
	);
}
