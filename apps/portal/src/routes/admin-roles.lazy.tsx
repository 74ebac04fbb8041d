import "../i18n/admin-strings";
import { createLazyRoute } from "@tanstack/react-router";
import { RolesOverview } from "../features/admin-roles/components/roles-overview";

export const route = createLazyRoute("/_authed/admin/roles")({ component: RolesOverview });
