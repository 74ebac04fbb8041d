import type { Grant, SessionActor } from "../shared/actor";
import type { CoreDeps } from "../shared/deps";
import type { Db } from "../shared/tx";
import { listAccountsOfTenant, listSpacesOfTenant } from "../tenants/account.repository";
import { findTenantById } from "../tenants/tenant.repository";
import type { TAssignableContextsOutput } from "./assignable-contexts.schema";
import type { Permission } from "./permissions";
import { hasPermission } from "./rbac";
import { ForbiddenError } from "./rbac.errors";
import { findGrantsOfUser } from "./role.repository";

/** Same bound as `findAccountChain`: a cycle in parent links cannot loop forever. */
const MAX_ACCOUNT_DEPTH = 32;

/** One place where the actor holds the permission asked for, with what `hasPermission` needs of it. */
export type PlaceWithChain =
	| { type: "tenant"; id: string; accountChain: string[] }
	| { type: "account"; id: string; accountChain: string[] }
	| { type: "space"; id: string; accountChain: string[] };

/**
 * The places where `grants` hold `permission`, named for forms, and each with its account chain
 * (nearest first) so callers can decide more about it without another query per place.
 */
export async function listPlacesWithPermission(
	db: Db,
	actor: SessionActor,
	grants: readonly Grant[],
	permission: Permission,
): Promise<{ named: TAssignableContextsOutput; places: PlaceWithChain[] }> {
	const [tenant, accounts, spaces] = await Promise.all([
		findTenantById(db, actor.tenantId),
		listAccountsOfTenant(db, actor.tenantId),
		listSpacesOfTenant(db, actor.tenantId),
	]);
	const parentOf = new Map(accounts.map((account) => [account.id, account.parent_account_id]));
	const nameOf = new Map(accounts.map((account) => [account.id, account.name]));
	const chainOf = (accountId: string): string[] => {
		const chain: string[] = [];
		let current: string | null | undefined = accountId;
		while (current && chain.length < MAX_ACCOUNT_DEPTH) {
			chain.push(current);
			current = parentOf.get(current);
		}
		return chain;
	};
	const reaches = (accountChain: string[], spaceId?: string) =>
		hasPermission(grants, permission, { tenantId: actor.tenantId, accountChain, spaceId });

	const reachedAccounts = accounts.filter((account) => reaches(chainOf(account.id)));
	const reachedSpaces = spaces.filter((space) => reaches(chainOf(space.account_id), space.id));
	const reachedTenant = tenant && reaches([]) ? tenant : null;
	return {
		named: {
			tenant: reachedTenant ? { id: reachedTenant.id, name: reachedTenant.name } : null,
			accounts: reachedAccounts.map((account) => ({
				id: account.id,
				name: account.name,
				parentAccountId: account.parent_account_id,
			})),
			spaces: reachedSpaces.map((space) => ({
				id: space.id,
				name: space.name,
				accountId: space.account_id,
				accountName: nameOf.get(space.account_id) ?? "",
			})),
		},
		places: [
			...(reachedTenant ? [{ type: "tenant" as const, id: reachedTenant.id, accountChain: [] }] : []),
			...reachedAccounts.map((account) => ({
				type: "account" as const,
				id: account.id,
				accountChain: chainOf(account.id),
			})),
			...reachedSpaces.map((space) => ({
				type: "space" as const,
				id: space.id,
				accountChain: chainOf(space.account_id),
			})),
		],
	};
}

/**
 * The contexts where the actor holds `permission`: the tenant, and the accounts and spaces within
 * its reach (an account grant reaches sub-accounts only when assigned so). Forms offer these as
 * choices: where to assign a role (roles.manage), which account to invite into
 * (invitations.manage), which account's users to list (users.read). Listing only these keeps
 * account and space names outside the actor's reach private; every action still re-checks its
 * own rules on the target.
 */
export async function listContextsWithPermission(
	{ db }: Pick<CoreDeps, "db">,
	actor: SessionActor,
	permission: Permission = "roles.manage",
): Promise<TAssignableContextsOutput> {
	const grants = await findGrantsOfUser(db, actor.tenantId, actor.userId);
	if (!grants.some((grant) => grant.permission === permission)) throw new ForbiddenError(permission);
	return (await listPlacesWithPermission(db, actor, grants, permission)).named;
}
