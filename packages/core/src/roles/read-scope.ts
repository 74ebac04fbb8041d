/**
 * Where an actor may use a permission that reads or manages many things at once (a list, an
 * export, a dashboard): one derivation for every such read, so the user list, application users,
 * invitations and the dashboard cannot drift apart.
 */
import type { SessionActor } from "../shared/actor";
import type { Db, Tx } from "../shared/tx";
import { findAccountsWithDescendants } from "../tenants/account.repository";
import type { Permission } from "./permissions";

/**
 * The whole tenant, or the accounts and spaces where the permission is held. Lists of users look
 * only at `accountIds` (a user belongs to an account, never to a space); lists of things assigned
 * in a context (invitations) also use `spaceIds`. Empty lists mean nothing is in scope.
 */
export type ReadScope = { all: true } | { all: false; accountIds: string[]; spaceIds: string[] };

/**
 * The actor's scope for `permission`: everything with a tenant-wide grant; otherwise the accounts
 * they hold it in (with every descendant where the assignment applies to sub-accounts) and the
 * spaces they hold it in. Built from the grants the request's authentication read (`actor.grants`),
 * so the procedure gate and the list behind it decide on the same facts, and a revoked role
 * narrows the scope on the very next request.
 */
export async function scopeFor(db: Db | Tx, actor: SessionActor, permission: Permission): Promise<ReadScope> {
	const grants = actor.grants.filter((grant) => grant.permission === permission);
	if (grants.some((grant) => grant.contextType === "tenant" && grant.contextId === actor.tenantId)) {
		return { all: true };
	}
	const accountGrants = grants.filter((grant) => grant.contextType === "account");
	const withSubAccounts = await findAccountsWithDescendants(
		db,
		actor.tenantId,
		accountGrants.filter((grant) => grant.appliesToSubAccounts).map((grant) => grant.contextId),
	);
	return {
		all: false,
		accountIds: [...new Set([...accountGrants.map((grant) => grant.contextId), ...withSubAccounts])],
		spaceIds: [...new Set(grants.filter((grant) => grant.contextType === "space").map((grant) => grant.contextId))],
	};
}
