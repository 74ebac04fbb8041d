import { createRoute } from "@tanstack/react-router";
import { ZUserDetailSearch } from "../features/admin-user-detail/user-detail-search";
import { PERMISSIONS } from "../features/auth/permissions";
import { requirePermission } from "./admin-guard";
import { authedRoute } from "./authed";

export const adminUserDetailRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/users/$userId",
	beforeLoad: requirePermission(PERMISSIONS.usersRead),
	// The open tab lives in the URL, so reload, back/forward and shared links keep it.
	validateSearch: ZUserDetailSearch,
	// Start loading the user while the route resolves; a failure is shown by the page itself.
	loader: ({ context, params }) => {
		void context.trpcUtils.users.detail.prefetch({ userId: params.userId });
	},
}).lazy(() => import("./admin-user-detail.lazy").then((module) => module.route));
