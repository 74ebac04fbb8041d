import { createRoute } from "@tanstack/react-router";
import { PERMISSIONS } from "../features/auth/permissions";
import { requirePermission } from "./admin-guard";
import { authedRoute } from "./authed";

export const adminApplicationsRoute = createRoute({
	getParentRoute: () => authedRoute,
	path: "/admin/applications",
	beforeLoad: requirePermission(PERMISSIONS.apiKeysManage),
}).lazy(() => import("./admin-applications.lazy").then((module) => module.route));
