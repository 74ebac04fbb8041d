import type { SessionActor } from "../auth/session.service";
import type { Db } from "../shared/tx";
import { listAccountsOfTenant, listSpacesOfTenant } from "../tenants/account.repository";
import { findTenantById } from "../tenants/tenant.repository";
import type { TAssignableContextsOutput } from "./assignable-contexts.schema";
import { hasPermission } from "./rbac";
import { ForbiddenError } from "./rbac.errors";
import { findGrantsOfUser } from "./role.repository";

/** Same bound as `findAccountChain`: a cycle in parent links cannot loop forever. */
const MAX_ACCOUNT_DEPTH = 32;

/**
 * The contexts a role-assignment form may offer the actor: the tenant, accounts and spaces where
 * they hold roles.manage (an account grant reaches sub-accounts only when assigned so). Listing
 * only these keeps account and space names outside the actor's reach private; assigning still
 * re-checks every rule in `assignRole`.
 */
export async function listAssignableContexts(db: Db, actor: SessionActor): Promise<TAssignableContextsOutput> {
	const grants = await findGrantsOfUser(db, actor.tenantId, actor.userId);
	if (!grants.some((grant) => grant.permission === "roles.manage")) throw new ForbiddenError("roles.manage");
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
		hasPermission(grants, "roles.manage", { tenantId: actor.tenantId, accountChain, spaceId });

	return {
		tenant: tenant && reaches([]) ? { id: tenant.id, name: tenant.name } : null,
		accounts: accounts
			.filter((account) => reaches(chainOf(account.id)))
			.map((account) => ({ id: account.id, name: account.name, parentAccountId: account.parent_account_id })),
		spaces: spaces
			.filter((space) => reaches(chainOf(space.account_id), space.id))
			.map((space) => ({
				id: space.id,
				name: space.name,
				accountId: space.account_id,
				accountName: nameOf.get(space.account_id) ?? "",
			})),
	};
}
