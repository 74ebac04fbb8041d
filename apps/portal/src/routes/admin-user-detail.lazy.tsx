import "../i18n/admin-strings";
import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { UserDetailPage } from "../features/admin-user-detail/components/user-detail-page";
import { USER_DETAIL_TABS, ZUserDetailSearch } from "../features/admin-user-detail/user-detail-search";

// getRouteApi, not an import of ./admin-user-detail: the lazy chunk must not pull the route file back in.
const adminUserDetailRoute = getRouteApi("/_authed/admin/users/$userId");

export const route = createLazyRoute("/_authed/admin/users/$userId")({ component: AdminUserDetailPage });

function AdminUserDetailPage() {
	const { userId } = adminUserDetailRoute.useParams();
	const { tab = USER_DETAIL_TABS[0] } = adminUserDetailRoute.useSearch();
	const navigate = adminUserDetailRoute.useNavigate();
	return (
		<UserDetailPage
			key={userId}
			userId={userId}
			tab={tab}
			onTabChange={(next) =>
				// Replace, not push: tabs are views of one page, and arrowing through them must not leave
				// an entry per tab. Back still returns to the tab that was open when the page was left.
				void navigate({ search: ZUserDetailSearch.parse({ tab: next }), replace: true, resetScroll: false })
			}
		/>
	);
}
