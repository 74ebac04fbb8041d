import adminApplications from "../../features/admin-applications/i18n/en.json";
import adminAudit from "../../features/admin-audit/i18n/en.json";
import adminBranding from "../../features/admin-branding/i18n/en.json";
import adminCompliance from "../../features/admin-compliance/i18n/en.json";
import adminDashboard from "../../features/admin-dashboard/i18n/en.json";
import adminInvitations from "../../features/admin-invitations/i18n/en.json";
import adminPolicy from "../../features/admin-policy/i18n/en.json";
import adminRoles from "../../features/admin-roles/i18n/en.json";
import adminUser from "../../features/admin-user-detail/i18n/en.json";
import adminUsers from "../../features/admin-users/i18n/en.json";

/** The admin areas' English strings, each under its area's key (`t("adminUsers.title")`). */
export const adminDictionary = {
	adminUsers,
	adminUser,
	adminInvitations,
	adminRoles,
	adminApplications,
	adminDashboard,
	adminAudit,
	adminCompliance,
	adminPolicy,
	adminBranding,
};
