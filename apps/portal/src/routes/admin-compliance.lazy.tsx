import "../i18n/admin-strings";
import { createLazyRoute } from "@tanstack/react-router";
import { ComplianceReport } from "../features/admin-compliance/components/compliance-report";

export const route = createLazyRoute("/_authed/admin/compliance")({ component: ComplianceReport });
