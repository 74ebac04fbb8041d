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
