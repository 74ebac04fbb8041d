import type { Db, Tx } from "../shared/tx";

export function findTenantBySlug(db: Db | Tx, slug: string) {
	return db.selectFrom("tenants").select(["id", "slug", "name"]).where("slug", "=", slug).executeTakeFirst();
}

export function findTenantById(db: Db | Tx, id: string) {
	return db.selectFrom("tenants").select(["id", "slug", "name"]).where("id", "=", id).executeTakeFirst();
}
