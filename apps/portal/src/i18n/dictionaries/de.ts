import activity from "../../features/activity/i18n/de.json";
import adminApplications from "../../features/admin-applications/i18n/de.json";
import adminAudit from "../../features/admin-audit/i18n/de.json";
import adminBranding from "../../features/admin-branding/i18n/de.json";
import adminCompliance from "../../features/admin-compliance/i18n/de.json";
import adminDashboard from "../../features/admin-dashboard/i18n/de.json";
import adminInvitations from "../../features/admin-invitations/i18n/de.json";
import adminPolicy from "../../features/admin-policy/i18n/de.json";
import adminRoles from "../../features/admin-roles/i18n/de.json";
import adminUserDetail from "../../features/admin-user-detail/i18n/de.json";
import adminUsers from "../../features/admin-users/i18n/de.json";
import audit from "../../features/audit/i18n/de.json";
import dateTime from "../../features/date-time/i18n/de.json";
import passwordReset from "../../features/password-reset/i18n/de.json";
import security from "../../features/security/i18n/de.json";
import shared from "../de.json";

/** Every UI string in German: loaded when the portal is shown in German. */
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
