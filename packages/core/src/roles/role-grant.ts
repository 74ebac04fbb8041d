import type { ContextType } from "@tessera/db/schema";
import type { Grant } from "../shared/actor";
import { isPermission, type Permission } from "./permissions";
import { type AuthorizationTarget, hasPermission } from "./rbac";

/**
 * A context a role is (or would be) assigned in, resolved to what `hasPermission` needs:
 * the tenant; an account with its ancestor chain (nearest first); or a space with the chain of
 * its account. A space covered by an account grant on its account is intended (see `rbac.ts`).
 */
export type ResolvedContext =
	| { type: "tenant"; tenantId: string }
	| { type: "account"; tenantId: string; accountChain: readonly string[] }
	| { type: "space"; tenantId: string; spaceId: string; accountChain: readonly string[] };

export function targetOfContext(context: ResolvedContext): AuthorizationTarget {
	switch (context.type) {
		case "tenant":
			return { tenantId: context.tenantId, accountChain: [] };
		case "account":
			return { tenantId: context.tenantId, accountChain: context.accountChain };
		case "space":
			return { tenantId: context.tenantId, accountChain: context.accountChain, spaceId: context.spaceId };
	}
}

/**
 * Whether `permission` is held in `context`, and, when `withSubAccounts` is set, also in every
 * present and future descendant of that account. Only a tenant grant, or an account grant on
 * the account or an ancestor that itself applies to sub-accounts, reaches that far.
 */
export function holdsInContext(
	grants: readonly Grant[],
	permission: Permission,
	context: ResolvedContext,
	withSubAccounts: boolean,
): boolean {
	if (!withSubAccounts || context.type !== "account") {
		return hasPermission(grants, permission, targetOfContext(context));
	}
	return grants.some(
		(grant) =>
			grant.permission === permission &&
			((grant.contextType === "tenant" && grant.contextId === context.tenantId) ||
				(grant.contextType === "account" &&
					grant.appliesToSubAccounts &&
					context.accountChain.includes(grant.contextId))),
	);
}

/** The permissions of `permissions` that are not held in `context` (sorted, distinct). */
export function missingPermissions(
	grants: readonly Grant[],
	permissions: readonly Permission[],
	context: ResolvedContext,
	withSubAccounts = false,
): Permission[] {
	return [...new Set(permissions)].filter((p) => !holdsInContext(grants, p, context, withSubAccounts)).sort();
}

/**
 * The permissions of `permissions` that `grants` do not give at `target` (distinct, sorted): the
 * "nobody grants what they do not hold" check (SECURITY Z03, L08) for invitations and application
 * users, whose targets are already resolved. A key outside the catalogue is never held.
 */
export function permissionsMissingAt(
	grants: readonly Grant[],
	permissions: readonly string[],
	target: AuthorizationTarget,
): string[] {
	return [...new Set(permissions)]
		.filter((permission) => !(isPermission(permission) && hasPermission(grants, permission, target)))
		.sort();
}

export interface GrantChange {
	operation: "assign" | "remove";
	/** Grants of the actor, read in this request. */
	actorGrants: readonly Grant[];
	actorUserId: string;
	assigneeUserId: string;
	role: { contextType: ContextType; permissions: readonly Permission[] };
	context: ResolvedContext;
	appliesToSubAccounts: boolean;
	/**
	 * The permission that entitles handing roles out in that context: roles.manage (the default)
	 * for assignments and application users, invitations.manage for a role an invitation carries.
	 */
	manager?: Permission;
}

export type GrantDecision =
	| { allowed: true }
	| { allowed: false; reason: "context_type_mismatch" | "sub_accounts_outside_account" | "not_manager" }
	| { allowed: false; reason: "self_escalation" | "exceeds_own"; missing: Permission[] };

/**
 * Pure decision for adding or removing one role assignment (SECURITY Z03), in this order:
 * 1. a role is assigned only in a context of its own type (a space role only in a space, …);
 * 2. "applies to sub-accounts" exists only for account assignments;
 * 3. the actor holds roles.manage (or the `manager` permission) in that context (with sub-account reach when the assignment
 *    has it: managing an account does not entitle you to hand out power over its children);
 * 4. on assign to oneself, the role may not give the actor anything they do not already hold
 *    there (nobody raises their own privileges);
 * 5. the actor holds every permission of the role in that context: nobody grants what they do
 *    not hold, and, symmetrically, nobody strips a role more powerful than their own there.
 * Step 4 is implied by step 5; it is kept apart so the refusal names the escalation attempt.
 */
export function decideGrantChange(change: GrantChange): GrantDecision {
	const { context, role, actorGrants } = change;
	if (role.contextType !== context.type) return { allowed: false, reason: "context_type_mismatch" };
	if (change.appliesToSubAccounts && context.type !== "account") {
		return { allowed: false, reason: "sub_accounts_outside_account" };
	}
	const reach = change.appliesToSubAccounts;
	if (!holdsInContext(actorGrants, change.manager ?? "roles.manage", context, reach)) {
		return { allowed: false, reason: "not_manager" };
	}
	const missing = missingPermissions(actorGrants, role.permissions, context, reach);
	if (missing.length === 0) return { allowed: true };
	if (change.operation === "assign" && change.actorUserId === change.assigneeUserId) {
		return { allowed: false, reason: "self_escalation", missing };
	}
	return { allowed: false, reason: "exceeds_own", missing };
}

/** One grant of the user an administrator acts on, with the context it was assigned in resolved. */
export interface ResolvedGrant {
	permission: Permission;
	context: ResolvedContext;
	appliesToSubAccounts: boolean;
}

/**
 * The permissions the target holds that the actor does not hold where the target holds them,
 * with the same sub-account reach (distinct, sorted). Empty means the actor is at least the
 * target's equal everywhere the target has power: the privilege hierarchy is the same rule as
 * "nobody grants what they do not hold" (`decideGrantChange` step 5), applied to people.
 */
export function permissionsOutranking(
	actorGrants: readonly Grant[],
	targetGrants: readonly ResolvedGrant[],
): Permission[] {
	const missing = new Set<Permission>();
	for (const grant of targetGrants) {
		if (!holdsInContext(actorGrants, grant.permission, grant.context, grant.appliesToSubAccounts)) {
			missing.add(grant.permission);
		}
	}
	return [...missing].sort();
}

export interface ActionOnUser {
	/** Grants of the actor, read in this request. */
	actorGrants: readonly Grant[];
	actorUserId: string;
	permission: Permission;
	target: {
		userId: string;
		/** The target's own context: their tenant and primary account chain. */
		context: AuthorizationTarget;
		/** Every grant the target holds. Needed for anything but plain users.read. */
		grants: readonly ResolvedGrant[];
	};
}

export type ActionOnUserDecision =
	| { allowed: true }
	| { allowed: false; reason: "not_visible" }
	| { allowed: false; reason: "missing_permission"; permission: Permission }
	| { allowed: false; reason: "target_outranks_actor"; missing: Permission[] };

/**
 * Pure decision for an administrator acting on a user (SECURITY Z03, issue 10), in this order:
 * 1. the actor holds users.read in the target's context (otherwise the user does not exist to them);
 * 2. the actor holds `permission` in the target's context;
 * 3. reading (plain users.read) stops here: seeing someone is not acting on them;
 * 4. acting on oneself is not outranking oneself;
 * 5. the actor holds every permission the target holds, where the target holds it: nobody edits,
 *    locks out, deletes or strips the sessions, MFA or roles of someone more powerful than them.
 *    Without it an account administrator could force a password reset on a tenant administrator
 *    whose primary account is theirs, and take the account over.
 */
export function decideActionOnUser(action: ActionOnUser): ActionOnUserDecision {
	const { actorGrants, target, permission } = action;
	if (!hasPermission(actorGrants, "users.read", target.context)) return { allowed: false, reason: "not_visible" };
	if (!hasPermission(actorGrants, permission, target.context)) {
		return { allowed: false, reason: "missing_permission", permission };
	}
	if (permission === "users.read") return { allowed: true };
	const missing = outrankingPermissions(action.actorUserId, actorGrants, target);
	return missing.length === 0 ? { allowed: true } : { allowed: false, reason: "target_outranks_actor", missing };
}

/**
 * Steps 4 and 5 of `decideActionOnUser` on their own, for changing a user's roles (where
 * roles.manage is checked in the role's context instead of the user's): what the target holds
 * beyond the actor; nothing when the actor acts on themself.
 */
export function outrankingPermissions(
	actorUserId: string,
	actorGrants: readonly Grant[],
	target: { userId: string; grants: readonly ResolvedGrant[] },
): Permission[] {
	if (actorUserId === target.userId) return [];
	return permissionsOutranking(actorGrants, target.grants);
}
