import "../i18n/admin-strings";
import { createLazyRoute } from "@tanstack/react-router";
import { DashboardPage } from "../features/admin-dashboard/components/dashboard-page";

export const route = createLazyRoute("/_authed/admin/dashboard")({ component: DashboardPage });
