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
 * The permissions the user's roles give at a target, by the server's rule: a tenant role
 * everywhere, an account role in its account (and its spaces) and in sub-accounts only when
 * assigned so, a space role in that space only. For offering choices; the server decides again.
 */
export function permissionsAt(
	held: readonly HeldRole[],
	permissionsByRoleKey: ReadonlyMap<string, readonly string[]>,
	tenantId: string,
	target: PermissionTarget,
): Set<string> {
	const permissions = new Set<string>();
	for (const grant of held) {
		let reaches: boolean;
		if (grant.contextType === "tenant") {
			reaches = grant.contextId === tenantId;
		} else if (grant.contextType === "account") {
			const depth = target.accountChain.indexOf(grant.contextId);
			reaches = depth === 0 || (depth > 0 && grant.appliesToSubAccounts);
		} else {
			reaches = target.spaceId === grant.contextId;
		}
		if (reaches) {
			for (const permission of permissionsByRoleKey.get(grant.roleKey) ?? []) {
				permissions.add(permission);
			}
		}
	}
	return permissions;
}
