import type { Db, Tx } from "../shared/tx";

export function findTenantBySlug(db: Db | Tx, slug: string) {
	return db.selectFrom("tenants").select(["id", "slug", "name"]).where("slug", "=", slug).executeTakeFirst();
}

export function findTenantById(db: Db | Tx, id: string) {
	return db.selectFrom("tenants").select(["id", "slug", "name"]).where("id", "=", id).executeTakeFirst();
}

/** Inserts a tenant; returns its id. */
export function insertTenant(db: Db | Tx, input: { slug: string; name: string }) {
	return db
		.insertInto("tenants")
		.values({ slug: input.slug, name: input.name })
		.returning("id")
		.executeTakeFirstOrThrow();
}

/** How many tenants exist (the server seeds the demo tenant into an empty database). */
export async function countTenants(db: Db | Tx): Promise<number> {
	const { tenants } = await db
		.selectFrom("tenants")
		.select((eb) => eb.fn.countAll<number>().as("tenants"))
		.executeTakeFirstOrThrow();
	return tenants;
}

/** Every tenant's id (background jobs walk tenants one by one). */
export function listTenantIds(db: Db | Tx) {
	return db.selectFrom("tenants").select("id").execute();
}
