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
}

export type GrantDecision =
	| { allowed: true }
	| { allowed: false; reason: "context_type_mismatch" | "sub_accounts_outside_account" | "not_manager" }
	| { allowed: false; reason: "self_escalation" | "exceeds_own"; missing: Permission[] };

/**
 * Pure decision for adding or removing one role assignment (SECURITY Z03), in this order:
 * 1. a role is assigned only in a context of its own type (a space role only in a space, …);
 * 2. "applies to sub-accounts" exists only for account assignments;
 * 3. the actor holds roles.manage in that context (with sub-account reach when the assignment
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
	if (!holdsInContext(actorGrants, "roles.manage", context, reach)) return { allowed: false, reason: "not_manager" };
	const missing = missingPermissions(actorGrants, role.permissions, context, reach);
	if (missing.length === 0) return { allowed: true };
	if (change.operation === "assign" && change.actorUserId === change.assigneeUserId) {
		return { allowed: false, reason: "self_escalation", missing };
	}
	return { allowed: false, reason: "exceeds_own", missing };
}
