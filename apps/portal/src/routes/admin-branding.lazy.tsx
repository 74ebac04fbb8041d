import "../i18n/admin-strings";
import { createLazyRoute } from "@tanstack/react-router";
import { BrandingSettings } from "../features/admin-branding/components/branding-settings";

export const route = createLazyRoute("/_authed/admin/branding")({ component: BrandingSettings });
