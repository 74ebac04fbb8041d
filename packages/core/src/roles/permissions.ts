/**
 * The permission catalogue, as data. Migration 0001 inserts the same keys into `permissions`;
 * `permissions.integration.test.ts` fails if the two ever differ.
 */
export const PERMISSIONS = {
	"users.read": "See users, their profiles and security information",
	"users.write": "Create, invite and edit users; change their state",
	"users.delete": "Delete users and restore them while deletion is pending",
	"users.security": "Reset MFA, revoke sessions, force password changes, unlock",
	"roles.read": "See roles and role assignments",
	"roles.manage": "Create roles and assign or remove them",
	"invitations.manage": "Send, resend and revoke invitations",
	"audit.read": "Read and export the audit log",
	"dashboard.read": "See user statistics and security posture",
	"apikeys.manage": "Create application users and manage their API keys",
	"policy.manage": "Change the tenant's security policy",
	"accounts.manage": "Create and edit accounts and spaces",
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_KEYS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
	return Object.hasOwn(PERMISSIONS, value);
}
