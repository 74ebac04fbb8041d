import { redirect } from "@tanstack/react-router";
import { hasPermission, hasTenantPermission, type PortalPermission } from "../features/auth/permissions";

/**
 * `beforeLoad` for an admin page: sends a user without the permission to their profile. This
 * only keeps the page out of sight; the API checks the permission again on every call.
 */
export function requirePermission(permission: PortalPermission) {
	return ({ context }: { context: { me: { permissions: readonly string[] } } }) => {
		if (!hasPermission(context.me, permission)) {
			throw redirect({ to: "/" });
		}
	};
}

/** Like `requirePermission`, for pages whose API needs the permission for the whole tenant. */
export function requireTenantPermission(permission: PortalPermission) {
	return ({ context }: { context: { me: { tenantPermissions: readonly string[] } } }) => {
		if (!hasTenantPermission(context.me, permission)) {
			throw redirect({ to: "/" });
		}
	};
}
