import { createRoute } from "@tanstack/react-router";
import { ZInvitationsSearch } from "../features/admin-invitations/invitation-search";
import { PERMISSIONS } from "../features/auth/permissions";
import { requirePermission } from "./admin-guard";
import { authedRoute } from "./authed";

export const adminInvitationsRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/invitations",
	validateSearch: ZInvitationsSearch,
	beforeLoad: requirePermission(PERMISSIONS.invitationsManage),
}).lazy(() => import("./admin-invitations.lazy").then((module) => module.route));
