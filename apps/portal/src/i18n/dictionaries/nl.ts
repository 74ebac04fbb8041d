import activity from "../../features/activity/i18n/nl.json";
import adminApplications from "../../features/admin-applications/i18n/nl.json";
import adminAudit from "../../features/admin-audit/i18n/nl.json";
import adminBranding from "../../features/admin-branding/i18n/nl.json";
import adminCompliance from "../../features/admin-compliance/i18n/nl.json";
import adminDashboard from "../../features/admin-dashboard/i18n/nl.json";
import adminInvitations from "../../features/admin-invitations/i18n/nl.json";
import adminPolicy from "../../features/admin-policy/i18n/nl.json";
import adminRoles from "../../features/admin-roles/i18n/nl.json";
import adminUserDetail from "../../features/admin-user-detail/i18n/nl.json";
import adminUsers from "../../features/admin-users/i18n/nl.json";
import audit from "../../features/audit/i18n/nl.json";
import dateTime from "../../features/date-time/i18n/nl.json";
import passwordReset from "../../features/password-reset/i18n/nl.json";
import security from "../../features/security/i18n/nl.json";
import shared from "../nl.json";

/** Every UI string in Dutch: loaded when the portal is shown in Dutch. */
export const dictionary = {
	...shared,
	adminUsers: adminUsers,
	adminUser: adminUserDetail,
	adminInvitations: adminInvitations,
	adminRoles: adminRoles,
	adminApplications: adminApplications,
	adminDashboard: adminDashboard,
	adminAudit: adminAudit,
	adminCompliance: adminCompliance,
	adminPolicy: adminPolicy,
	adminBranding: adminBranding,
	passwordReset: passwordReset,
	twoStep: security,
	activity: activity,
	audit: audit,
	dateTime: dateTime,
};
