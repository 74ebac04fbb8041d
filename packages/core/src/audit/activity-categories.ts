import type { AuditAction } from "./audit-actions";

/**
 * How a user's own activity page groups the audit actions, defined once as data: the filter's
 * categories are its keys, and the query reads the actions of a category from here. Every action
 * of `AUDIT_ACTIONS` is in exactly one category (`activity-categories.test.ts`), so a new action
 * is placed on purpose rather than silently missing from every filter but "all".
 */
export const ACTIVITY_CATEGORIES = {
	/** Signing in and out, failed attempts, lockouts and ended sessions. */
	sign_ins: [
		"auth.sign_in",
		"auth.second_factor",
		"auth.reauthenticate",
		"auth.locked",
		"auth.sign_out",
		"passkey.authentication_failed",
		"session.revoked",
		"session.revoked_others",
		"user.sessions_revoked",
		"user.unlocked",
	],
	/** What protects the account: password, second factors, passkeys, contact addresses. */
	security: [
		"auth.password_change",
		"auth.password_changed",
		"auth.password_reset",
		"auth.password_reset_requested",
		"user.password_reset_sent",
		"mfa.totp_enabled",
		"mfa.totp_removed",
		"mfa.recovery_codes_regenerated",
		"mfa.recovery_codes_issued",
		"mfa.channel_enabled",
		"mfa.channel_disabled",
		"mfa.preferred_changed",
		"user.mfa_reset",
		"passkey.registered",
		"passkey.registration_failed",
		"passkey.counter_regression",
		"passkey.renamed",
		"passkey.removed",
		"user.email_changed",
		"user.email_verified",
		"user.phone_changed",
		"user.phone_verified",
	],
	/**
	 * The account itself: profile, status, roles, invitation. Tenant-wide actions (a role or the
	 * policy edited) are about no user and so never reach anyone's own activity; they are listed
	 * only so the mapping stays complete.
	 */
	account: [
		"user.profile_updated",
		"user.updated",
		"user.state_changed",
		"user.required_actions_set",
		"user.restored",
		"user.purged",
		"user.application_created",
		"role.created",
		"role.updated",
		"role.deleted",
		"role.assigned",
		"role.unassigned",
		"invitation.created",
		"invitation.resent",
		"invitation.revoked",
		"invitation.accepted",
		"apikey.created",
		"apikey.revoked",
		"tenant.policy_updated",
		"tenant.branding_updated",
		"compliance.report_exported",
	],
} as const satisfies Record<string, readonly AuditAction[]>;

export type ActivityCategory = keyof typeof ACTIVITY_CATEGORIES;

/** The categories in the order the filter offers them. */
export const ACTIVITY_CATEGORY_KEYS = Object.keys(ACTIVITY_CATEGORIES) as [ActivityCategory, ...ActivityCategory[]];

/** The actions of one category, or of every category when none is chosen. */
export function actionsOfCategory(category: ActivityCategory | undefined): readonly AuditAction[] {
	return category === undefined
		? ACTIVITY_CATEGORY_KEYS.flatMap((key) => ACTIVITY_CATEGORIES[key])
		: ACTIVITY_CATEGORIES[category];
}
