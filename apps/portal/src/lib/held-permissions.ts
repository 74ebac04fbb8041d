import { isPermission } from "@tessera/core/roles/permissions";
import { hasPermission } from "@tessera/core/roles/rbac";
import type { Grant } from "@tessera/core/shared/actor";
import type { RouterOutputs } from "../trpc";

/** One role the signed-in user holds, where they hold it (`me.roles`). */
export type HeldRole = Pick<
	RouterOutputs["me"]["get"]["roles"][number],
	"roleKey" | "contextType" | "contextId" | "appliesToSubAccounts"
>;

/** A place permissions are checked at: its account chain (nearest first, empty for the tenant) and space. */
export interface PermissionTarget {
	accountChain: readonly string[];
	spaceId?: string;
}

/**
 * The permissions the user's roles give at a target, decided by core's own reach rule
 * (`hasPermission`: a tenant role everywhere, an account role in its account and its spaces and
 * in sub-accounts only when assigned so, a space role in that space only). For offering choices;
 * the server decides again.
 */
export function permissionsAt(
	held: readonly HeldRole[],
	permissionsByRoleKey: ReadonlyMap<string, readonly string[]>,
	tenantId: string,
	target: PermissionTarget,
): Set<string> {
	const grants: Grant[] = held.flatMap((role) =>
		(permissionsByRoleKey.get(role.roleKey) ?? []).map((permission) => ({ ...role, permission })),
	);
	const at = { tenantId, ...target };
	return new Set(
		grants
			.map((grant) => grant.permission)
			.filter((permission) => isPermission(permission) && hasPermission(grants, permission, at)),
	);
}
