import adminApplicationsDe from "../features/admin-applications/i18n/de.json";
import adminApplicationsEn from "../features/admin-applications/i18n/en.json";
import adminApplicationsNl from "../features/admin-applications/i18n/nl.json";
import adminAuditDe from "../features/admin-audit/i18n/de.json";
import adminAuditEn from "../features/admin-audit/i18n/en.json";
import adminAuditNl from "../features/admin-audit/i18n/nl.json";
import adminDashboardDe from "../features/admin-dashboard/i18n/de.json";
import adminDashboardEn from "../features/admin-dashboard/i18n/en.json";
import adminDashboardNl from "../features/admin-dashboard/i18n/nl.json";
import adminInvitationsDe from "../features/admin-invitations/i18n/de.json";
import adminInvitationsEn from "../features/admin-invitations/i18n/en.json";
import adminInvitationsNl from "../features/admin-invitations/i18n/nl.json";
import adminRolesDe from "../features/admin-roles/i18n/de.json";
import adminRolesEn from "../features/admin-roles/i18n/en.json";
import adminRolesNl from "../features/admin-roles/i18n/nl.json";
import adminUserDetailDe from "../features/admin-user-detail/i18n/de.json";
import adminUserDetailEn from "../features/admin-user-detail/i18n/en.json";
import adminUserDetailNl from "../features/admin-user-detail/i18n/nl.json";
import adminUsersDe from "../features/admin-users/i18n/de.json";
import adminUsersEn from "../features/admin-users/i18n/en.json";
import adminUsersNl from "../features/admin-users/i18n/nl.json";
import passwordResetDe from "../features/password-reset/i18n/de.json";
import passwordResetEn from "../features/password-reset/i18n/en.json";
import passwordResetNl from "../features/password-reset/i18n/nl.json";
import twoStepDe from "../features/security/i18n/de.json";
import twoStepEn from "../features/security/i18n/en.json";
import twoStepNl from "../features/security/i18n/nl.json";
import de from "./de.json";
import en from "./en.json";
import nl from "./nl.json";

/**
 * Every UI string, per language, as one `translation` namespace. The shared strings live in
 * `i18n/<lang>.json`; each admin area keeps its own strings beside its code, under one top-level
 * key (`t("adminUsers.title")`), so areas can grow without touching each other's files.
 */
export const resources = {
	en: {
		...en,
		adminUsers: adminUsersEn,
		adminUser: adminUserDetailEn,
		adminInvitations: adminInvitationsEn,
		adminRoles: adminRolesEn,
		adminApplications: adminApplicationsEn,
		adminDashboard: adminDashboardEn,
		adminAudit: adminAuditEn,
		passwordReset: passwordResetEn,
		twoStep: twoStepEn,
	},
	de: {
		...de,
		adminUsers: adminUsersDe,
		adminUser: adminUserDetailDe,
		adminInvitations: adminInvitationsDe,
		adminRoles: adminRolesDe,
		adminApplications: adminApplicationsDe,
		adminDashboard: adminDashboardDe,
		adminAudit: adminAuditDe,
		passwordReset: passwordResetDe,
		twoStep: twoStepDe,
	},
	nl: {
		...nl,
		adminUsers: adminUsersNl,
		adminUser: adminUserDetailNl,
		adminInvitations: adminInvitationsNl,
		adminRoles: adminRolesNl,
		adminApplications: adminApplicationsNl,
		adminDashboard: adminDashboardNl,
		adminAudit: adminAuditNl,
		passwordReset: passwordResetNl,
		twoStep: twoStepNl,
	},
};

export type Resources = (typeof resources)["en"];
