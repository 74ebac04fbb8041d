import { sql } from "kysely";
import type { Db, Tx } from "../shared/tx";

/** An account of this tenant, or undefined (an id from another tenant behaves as unknown). */
export function findAccountInTenant(db: Db | Tx, tenantId: string, accountId: string) {
	return db
		.selectFrom("accounts")
		.select(["id", "name"])
		.where("tenant_id", "=", tenantId)
		.where("id", "=", accountId)
		.executeTakeFirst();
}

/** A space of this tenant with its account, or undefined. */
export function findSpaceInTenant(db: Db | Tx, tenantId: string, spaceId: string) {
	return db
		.selectFrom("spaces")
		.select(["id", "name", "account_id"])
		.where("tenant_id", "=", tenantId)
		.where("id", "=", spaceId)
		.executeTakeFirst();
}

/** Every account of the tenant with its parent, by name. */
export function listAccountsOfTenant(db: Db | Tx, tenantId: string) {
	return db
		.selectFrom("accounts")
		.select(["id", "name", "parent_account_id"])
		.where("tenant_id", "=", tenantId)
		.orderBy("name")
		.orderBy("id")
		.execute();
}

/** Every space of the tenant with the account it belongs to, by name. */
export function listSpacesOfTenant(db: Db | Tx, tenantId: string) {
	return db
		.selectFrom("spaces")
		.select(["id", "name", "account_id"])
		.where("tenant_id", "=", tenantId)
		.orderBy("name")
		.orderBy("id")
		.execute();
}

/**
 * The account and its ancestors, nearest first: what an authorization target needs. Bounded depth
 * guards against a cycle in parent links.
 */
export async function findAccountChain(db: Db | Tx, tenantId: string, accountId: string): Promise<string[]> {
	const result = await sql<{ id: string }>`
		with recursive chain(id, parent_account_id, depth) as (
			select id, parent_account_id, 0 from accounts where tenant_id = ${tenantId} and id = ${accountId}
			union all
			select a.id, a.parent_account_id, c.depth + 1
			from accounts a join chain c on a.id = c.parent_account_id
			where a.tenant_id = ${tenantId} and c.depth < 32
		)
		select id from chain order by depth`.execute(db);
	return result.rows.map((row) => row.id);
}

/**
 * The accounts `rootIds` of this tenant and all their descendants: what an assignment that applies
 * to sub-accounts reaches. Bounded depth guards against a cycle in parent links.
 */
export async function findAccountsWithDescendants(
	db: Db | Tx,
	tenantId: string,
	rootIds: readonly string[],
): Promise<string[]> {
	if (rootIds.length === 0) return [];
	const result = await sql<{ id: string }>`
		with recursive tree(id, depth) as (
			select id, 0 from accounts where tenant_id = ${tenantId} and id in (${sql.join(rootIds)})
			union all
			select a.id, t.depth + 1
			from accounts a join tree t on a.parent_account_id = t.id
			where a.tenant_id = ${tenantId} and t.depth < 32
		)
		select distinct id from tree`.execute(db);
	return result.rows.map((row) => row.id);
}
