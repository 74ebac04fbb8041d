import type { SessionActor } from "../shared/actor";
import type { Db, Tx } from "../shared/tx";
import { findAccountChain } from "../tenants/account.repository";
import { UserNotFoundError } from "../users/user.errors";
import type { UserRecord } from "../users/user.repository";
import type { Permission } from "./permissions";
import { type AuthorizationTarget, hasPermission } from "./rbac";
import { ForbiddenError } from "./rbac.errors";
import { findGrantsOfUser } from "./role.repository";

/** The authorization context of a user as a target: their tenant and primary account chain. */
export async function targetOfUser(db: Db | Tx, user: Pick<UserRecord, "tenant_id" | "primary_account_id">) {
	const accountChain = user.primary_account_id
		? await findAccountChain(db, user.tenant_id, user.primary_account_id)
		: [];
	return { tenantId: user.tenant_id, accountChain } satisfies AuthorizationTarget;
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
 * Checks `permission` on a target user. A user the actor may not even read behaves as
 * non-existent (NOT_FOUND), so ids outside the actor's reach reveal nothing; a readable user
 * without the specific permission gives FORBIDDEN.
 */
export async function authorizeOnUser(
	db: Db | Tx,
	actor: SessionActor,
	permission: Permission,
	target: Pick<UserRecord, "tenant_id" | "primary_account_id">,
): Promise<void> {
	if (target.tenant_id !== actor.tenantId) throw new UserNotFoundError();
	const grants = await findGrantsOfUser(db, actor.tenantId, actor.userId);
	const context = await targetOfUser(db, target);
	if (!hasPermission(grants, "users.read", context)) throw new UserNotFoundError();
	if (!hasPermission(grants, permission, context)) throw new ForbiddenError(permission);
}

/**
 * The gate a procedure builder applies: the actor holds `permission` in at least one context.
 * Cheap and coarse; core re-checks against the specific target before acting.
 */
export function authorizeAnywhere(actor: SessionActor, permission: Permission): void {
	// The grants the request's authentication read: the same for the gate and the list behind it.
	if (!actor.grants.some((grant) => grant.permission === permission)) throw new ForbiddenError(permission);
}
