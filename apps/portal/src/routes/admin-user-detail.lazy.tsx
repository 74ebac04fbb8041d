import "../i18n/admin-strings";
import { createLazyRoute, getRouteApi } from "@tanstack/react-router";
import { UserDetailPage } from "../features/admin-user-detail/components/user-detail-page";

// getRouteApi, not an import of ./admin-user-detail: the lazy chunk must not pull the route file back in.
const adminUserDetailRoute = getRouteApi("/_authed/admin/users/$userId");

export const route = createLazyRoute("/_authed/admin/users/$userId")({ component: AdminUserDetailPage });

function AdminUserDetailPage() {
	const { userId } = adminUserDetailRoute.useParams();
	return <UserDetailPage key={userId} userId={userId} />;
}
