import type { SessionActor } from "../auth/session.service";
import type { Db, Tx } from "../shared/tx";
import { UserNotFoundError } from "../users/user.errors";
import type { UserRecord } from "../users/user.repository";
import type { Permission } from "./permissions";
import { type AuthorizationTarget, type Grant, hasPermission } from "./rbac";
import { ForbiddenError } from "./rbac.errors";
import { findAccountChain, findGrantsOfUser } from "./role.repository";

/**
 * The actor's grants, read once per request: the procedure builder's gate and the read scope of a
 * list then share one query. An actor object lives for one request, so a revoked role still takes
 * effect on the very next request; decisions that change roles read grants afresh (findGrantsOfUser).
 */
const grantsPerRequest = new WeakMap<SessionActor, Promise<Grant[]>>();
export function grantsOfRequest(db: Db | Tx, actor: SessionActor): Promise<Grant[]> {
	let grants = grantsPerRequest.get(actor);
	if (!grants) {
		grants = findGrantsOfUser(db, actor.tenantId, actor.userId);
		grantsPerRequest.set(actor, grants);
		// A failed read is not remembered: the next caller asks the database again.
		grants.catch(() => grantsPerRequest.delete(actor));
	}
	return grants;
}

/** The grants the session lookup read with the session itself (same request, same moment). */
export function rememberGrantsOfRequest(actor: SessionActor, grants: Grant[]): void {
	grantsPerRequest.set(actor, Promise.resolve(grants));
}

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
export async function authorizeAnywhere(db: Db | Tx, actor: SessionActor, permission: Permission): Promise<void> {
	const grants = await grantsOfRequest(db, actor);
	if (!grants.some((grant) => grant.permission === permission)) throw new ForbiddenError(permission);
}
