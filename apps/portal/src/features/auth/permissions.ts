import type { Permission } from "@tessera/core/roles/permissions";

/** Permission keys the portal checks to show or guard admin areas. The API enforces them again. */
export const PERMISSIONS = {
	usersRead: "users.read",
	usersWrite: "users.write",
	usersDelete: "users.delete",
	usersSecurity: "users.security",
	rolesRead: "roles.read",
	rolesManage: "roles.manage",
	invitationsManage: "invitations.manage",
	auditRead: "audit.read",
	dashboardRead: "dashboard.read",
	apiKeysManage: "apikeys.manage",
	policyManage: "policy.manage",
} as const satisfies Record<string, Permission>;

export type PortalPermission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

/** True when the signed-in user holds the permission (in any context). Only hides UI; never a security check. */
export function hasPermission(user: { permissions: readonly string[] }, permission: PortalPermission): boolean {
	return user.permissions.includes(permission);
}

/**
 * True when the user holds the permission for the whole tenant: pages and forms whose API needs
 * it there (the audit log, defining roles). Only hides UI; never a security check.
 */
export function hasTenantPermission(
	user: { tenantPermissions: readonly string[] },
	permission: PortalPermission,
): boolean {
	return user.tenantPermissions.includes(permission);
}
