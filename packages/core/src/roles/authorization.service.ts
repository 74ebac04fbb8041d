import type { ContextType } from "@tessera/db/schema";
import type { Grant, SessionActor } from "../shared/actor";
import type { Db, Tx } from "../shared/tx";
import { findAccountChain, findAccountInTenant, findSpaceInTenant } from "../tenants/account.repository";
import { UserNotFoundError } from "../users/user.errors";
import type { UserRecord } from "../users/user.repository";
import { isPermission, type Permission } from "./permissions";
import { type AuthorizationTarget, hasPermission } from "./rbac";
import { ForbiddenError, TargetOutranksActorError } from "./rbac.errors";
import { findGrantsOfUser } from "./role.repository";
import { RoleContextNotFoundError } from "./role-admin.errors";
import {
	type ActionOnUserDecision,
	decideActionOnUser,
	outrankingPermissions,
	type ResolvedContext,
	type ResolvedGrant,
} from "./role-grant";

/** The authorization context of a user as a target: their tenant and primary account chain. */
export async function targetOfUser(db: Db | Tx, user: Pick<UserRecord, "tenant_id" | "primary_account_id">) {
	const accountChain = user.primary_account_id
		? await findAccountChain(db, user.tenant_id, user.primary_account_id)
		: [];
	return { tenantId: user.tenant_id, accountChain } satisfies AuthorizationTarget;
}

/**
 * Resolves a context to its authorization chain. With `mustExist` an unknown account or space
 * (including one of another tenant) throws NOT_FOUND; without it (an assignment whose account
 * or space has since gone) the chain is empty, so only tenant-level grants reach it.
 */
export async function resolveStoredContext(
	db: Db | Tx,
	tenantId: string,
	type: ContextType,
	contextId: string,
	mustExist: boolean,
): Promise<{ context: ResolvedContext; contextId: string }> {
	switch (type) {
		case "tenant":
			// A stored tenant assignment always names its own tenant (assignments are tenant-scoped).
			return { context: { type, tenantId }, contextId: tenantId };
		case "account": {
			if (mustExist && !(await findAccountInTenant(db, tenantId, contextId))) {
				throw new RoleContextNotFoundError("account");
			}
			return { context: { type, tenantId, accountChain: await findAccountChain(db, tenantId, contextId) }, contextId };
		}
		case "space": {
			const space = await findSpaceInTenant(db, tenantId, contextId);
			if (!space && mustExist) throw new RoleContextNotFoundError("space");
			const accountChain = space ? await findAccountChain(db, tenantId, space.account_id) : [];
			return { context: { type, tenantId, spaceId: contextId, accountChain }, contextId };
		}
	}
}

/**
 * Every grant of a user with its context resolved (each distinct context once). A key outside
 * the catalogue cannot exist (role_permissions references the catalogue table), so it is dropped.
 */
export async function resolveGrants(db: Db | Tx, tenantId: string, grants: readonly Grant[]): Promise<ResolvedGrant[]> {
	const contexts = new Map<string, Promise<ResolvedContext>>();
	const contextOf = (grant: Grant) => {
		const key = `${grant.contextType}:${grant.contextId}`;
		let context = contexts.get(key);
		if (!context) {
			context = resolveStoredContext(db, tenantId, grant.contextType, grant.contextId, false).then((r) => r.context);
			contexts.set(key, context);
		}
		return context;
	};
	const resolved: ResolvedGrant[] = [];
	for (const grant of grants) {
		if (!isPermission(grant.permission)) continue;
		resolved.push({
			permission: grant.permission,
			context: await contextOf(grant),
			appliesToSubAccounts: grant.appliesToSubAccounts,
		});
	}
	return resolved;
}

/**
 * What decisions about acting on one user need, read once: the actor's grants (afresh, not the
 * request's copy: these decisions run inside write transactions), the target's context and the
 * target's grants, resolved. `users.detail` reads it once for all its actions; each mutation reads
 * it in its own transaction through `authorizeOnUser`.
 */
export interface UserAuthority {
	actorGrants: Grant[];
	target: { userId: string; context: AuthorizationTarget; grants: ResolvedGrant[] };
}

export async function loadUserAuthority(
	db: Db | Tx,
	actor: SessionActor,
	user: Pick<UserRecord, "id" | "tenant_id" | "primary_account_id">,
): Promise<UserAuthority> {
	const [actorGrants, context, targetGrants] = await Promise.all([
		findGrantsOfUser(db, actor.tenantId, actor.userId),
		targetOfUser(db, user),
		findGrantsOfUser(db, actor.tenantId, user.id),
	]);
	return {
		actorGrants,
		target: { userId: user.id, context, grants: await resolveGrants(db, actor.tenantId, targetGrants) },
	};
}

/** `decideActionOnUser` over a loaded authority: the one rule, for the check and for `users.detail`. */
export function decideOnUser(actor: SessionActor, authority: UserAuthority, permission: Permission) {
	return decideActionOnUser({
		actorGrants: authority.actorGrants,
		actorUserId: actor.userId,
		permission,
		target: authority.target,
	});
}

/** Turns a refusal into its domain error. */
export function assertActionAllowed(decision: ActionOnUserDecision): void {
	if (decision.allowed) return;
	switch (decision.reason) {
		case "not_visible":
			throw new UserNotFoundError();
		case "missing_permission":
			throw new ForbiddenError(decision.permission);
		case "target_outranks_actor":
			throw new TargetOutranksActorError(decision.missing);
	}
}

/**
 * Checks `permission` for the actor on a tenant-wide target. Roles are read from the database
 * on every call: a revoked role takes effect on the very next request (ASVS 8.3.2).
 */
export async function authorizeInTenant(db: Db | Tx, actor: SessionActor, permission: Permission): Promise<void> {
	const grants = await findGrantsOfUser(db, actor.tenantId, actor.userId);
	if (!hasPermission(grants, permission, { tenantId: actor.tenantId, accountChain: [] })) {
		throw new ForbiddenError(permission);
	}
}

/**
 * Checks `permission` in the context a user in `primaryAccountId` would have, without a user:
 * for moving someone into an account (nobody hands users to a place they cannot manage). Outside
 * the actor's reach the place behaves as non-existent, like a user there.
 */
export async function authorizeInUserContext(
	db: Db | Tx,
	actor: SessionActor,
	permission: Permission,
	primaryAccountId: string | null,
): Promise<void> {
	const grants = await findGrantsOfUser(db, actor.tenantId, actor.userId);
	const context = await targetOfUser(db, { tenant_id: actor.tenantId, primary_account_id: primaryAccountId });
	if (!hasPermission(grants, "users.read", context)) throw new UserNotFoundError();
	if (!hasPermission(grants, permission, context)) throw new ForbiddenError(permission);
}

/**
 * Checks `permission` on a target user: the one gate every administrator action on a user passes
 * (`decideActionOnUser`). A user the actor may not even read behaves as non-existent (NOT_FOUND),
 * so ids outside the actor's reach reveal nothing; a readable user without the specific permission
 * gives FORBIDDEN; for anything but reading, a user who holds what the actor does not is refused
 * too (TARGET_OUTRANKS_ACTOR), whatever the actor holds over the user's account.
 */
export async function authorizeOnUser(
	db: Db | Tx,
	actor: SessionActor,
	permission: Permission,
	target: Pick<UserRecord, "id" | "tenant_id" | "primary_account_id">,
): Promise<void> {
	if (target.tenant_id !== actor.tenantId) throw new UserNotFoundError();
	const authority =
		permission === "users.read"
			? // Reading never depends on the target's grants: skip reading them.
				{
					actorGrants: await findGrantsOfUser(db, actor.tenantId, actor.userId),
					target: { userId: target.id, context: await targetOfUser(db, target), grants: [] },
				}
			: await loadUserAuthority(db, actor, target);
	assertActionAllowed(decideOnUser(actor, authority, permission));
}

/**
 * The hierarchy alone, for changing a user's roles (where roles.manage is checked in the role's
 * context, not the user's): refused when the user holds anything the actor does not hold there.
 */
export async function assertNotOutranked(
	db: Db | Tx,
	actor: SessionActor,
	actorGrants: readonly Grant[],
	user: Pick<UserRecord, "id">,
): Promise<void> {
	const grants = await resolveGrants(db, actor.tenantId, await findGrantsOfUser(db, actor.tenantId, user.id));
	const missing = outrankingPermissions(actor.userId, actorGrants, { userId: user.id, grants });
	if (missing.length > 0) throw new TargetOutranksActorError(missing);
}

/**
 * The gate a procedure builder applies: the actor holds `permission` in at least one context.
 * Cheap and coarse; core re-checks against the specific target before acting.
 */
export function authorizeAnywhere(actor: SessionActor, permission: Permission): void {
	// The grants the request's authentication read: the same for the gate and the list behind it.
	if (!actor.grants.some((grant) => grant.permission === permission)) throw new ForbiddenError(permission);
}
