import "../i18n/admin-strings";
import { createLazyRoute } from "@tanstack/react-router";
import { PolicySettings } from "../features/admin-policy/components/policy-settings";

export const route = createLazyRoute("/_authed/admin/policy")({ component: PolicySettings });
