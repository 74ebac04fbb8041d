import { createLazyRoute, getRouteApi, useLocation } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { KeysetListPage } from "../components/keyset-list-page";
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

	const show = (next: ActivitySearch, cursors?: string[]) => {
		void navigate({ search: next, state: (state) => ({ ...state, activityPreviousCursors: cursors }) });
	};

	return (
		<KeysetListPage
			texts="activity"
			title={t("activity.title")}
			description={
				<>
					{t("activity.subtitle")} {t("activity.placeNote")}
				</>
			}
			filters={<ActivityFilters search={search} onChange={(next) => show(next)} />}
			list={list}
			search={search}
			previousCursors={previousCursors}
			show={show}
			isFiltered={hasFilters(search)}
			withoutFilters={withoutFilters(search)}
			pageSize={{ value: pageSizeOf(search), options: PAGE_SIZES, viewWith: (size) => withChanges(search, { size }) }}
		>
			<ActivityTable items={list.data?.items ?? []} timeZone={me.timeZone} isBusy={list.isPlaceholderData} />
		</KeysetListPage>
	);
}
