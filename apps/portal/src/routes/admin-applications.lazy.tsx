import "../i18n/admin-strings";
import { createLazyRoute } from "@tanstack/react-router";
import { ApplicationsOverview } from "../features/admin-applications/components/applications-overview";

export const route = createLazyRoute("/_authed/admin/applications")({ component: ApplicationsOverview });
