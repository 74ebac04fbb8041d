import { createRoute } from "@tanstack/react-router";
import { UserDetailPage } from "../features/admin-user-detail/components/user-detail-page";
import { PERMISSIONS } from "../features/auth/permissions";
import { requirePermission } from "./admin-guard";
import { authedRoute } from "./authed";

export const adminUserDetailRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/users/$userId",
	beforeLoad: requirePermission(PERMISSIONS.usersRead),
	// Start loading the user while the route resolves; a failure is shown by the page itself.
	loader: ({ context, params }) => {
		void context.trpcUtils.users.detail.prefetch({ userId: params.userId });
	},
	component: AdminUserDetailPage,
});

function AdminUserDetailPage() {
	const { userId } = adminUserDetailRoute.useParams();
	return <UserDetailPage key={userId} userId={userId} />;
}
