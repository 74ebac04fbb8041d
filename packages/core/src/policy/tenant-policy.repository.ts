import type { Db, Tx } from "../shared/tx";
import type { TenantPolicy } from "./tenant-policy";

/**
 * A tenant by slug with the raw jsonb of its policy: password sign-in needs both before anything
 * else, so they come in one round trip.
 */
export function findTenantWithPolicyJsonBySlug(db: Db | Tx, slug: string) {
	return db.selectFrom("tenants").select(["id", "slug", "name", "policy"]).where("slug", "=", slug).executeTakeFirst();
}

/** The raw jsonb of a tenant's policy, or undefined when the tenant does not exist. */
export async function findTenantPolicyJson(db: Db | Tx, tenantId: string): Promise<{ policy: unknown } | undefined> {
	return db.selectFrom("tenants").select("policy").where("id", "=", tenantId).executeTakeFirst();
}

/**
 * Like `findTenantPolicyJson`, but locks the tenant row until the transaction ends, so two admins
 * editing the policy at once apply their patches one after the other instead of losing one.
 */
export async function lockTenantPolicyJson(trx: Tx, tenantId: string): Promise<{ policy: unknown } | undefined> {
	return trx.selectFrom("tenants").select("policy").where("id", "=", tenantId).forUpdate().executeTakeFirst();
}

/** Replaces the stored policy with a complete, validated one. */
export async function updateTenantPolicyJson(trx: Tx, tenantId: string, policy: TenantPolicy): Promise<void> {
	await trx
		.updateTable("tenants")
		.set({ policy: JSON.stringify(policy) })
		.where("id", "=", tenantId)
		.executeTakeFirstOrThrow();
}
