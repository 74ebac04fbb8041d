import type { Grant } from "../shared/actor";
import type { Permission } from "./permissions";

/**
 * What an action touches. `accountChain` is the target's account followed by its ancestors,
 * nearest first (empty for tenant-wide targets); `spaceId` is set for space resources.
 */
export interface AuthorizationTarget {
	tenantId: string;
	accountChain: readonly string[];
	spaceId?: string | undefined;
}

/**
 * Pure decision: does any grant allow `permission` on `target`? A tenant grant covers the whole
 * tenant; an account grant covers its own account (and its spaces), and its descendants only
 * when assigned with `appliesToSubAccounts`; a space grant covers only that space.
 */
export function hasPermission(grants: readonly Grant[], permission: Permission, target: AuthorizationTarget): boolean {
	return grants.some((grant) => {
		if (grant.permission !== permission) return false;
		switch (grant.contextType) {
			case "tenant":
				return grant.contextId === target.tenantId;
			case "account": {
				const depth = target.accountChain.indexOf(grant.contextId);
				return depth === 0 || (depth > 0 && grant.appliesToSubAccounts);
			}
			case "space":
				return target.spaceId !== undefined && grant.contextId === target.spaceId;
			default:
				return false;
		}
	});
}
