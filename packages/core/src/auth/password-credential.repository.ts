import type { Db, Tx } from "../shared/tx";

/** The user's stored password hash and when it was set; undefined when they have no password. */
export function findPasswordCredential(db: Db | Tx, tenantId: string, userId: string) {
	return db
		.selectFrom("password_credentials")
		.select(["password_hash", "created_at"])
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.executeTakeFirst();
}

/** Stores a user's password hash, replacing the one they had. */
export async function upsertPasswordCredential(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	passwordHash: string,
	now: Date,
) {
	await db
		.insertInto("password_credentials")
		.values({ user_id: userId, tenant_id: tenantId, password_hash: passwordHash, created_at: now, updated_at: now })
		.onConflict((oc) => oc.column("user_id").doUpdateSet({ password_hash: passwordHash, updated_at: now }))
		.execute();
}

/** When the user's password credential was created; undefined when they have no password. */
export function findPasswordCreatedAt(db: Db | Tx, userId: string) {
	return db.selectFrom("password_credentials").select("created_at").where("user_id", "=", userId).executeTakeFirst();
}

/** Whether the user has a password at all. */
export async function hasPasswordCredential(db: Db | Tx, userId: string): Promise<boolean> {
	return (
		(await db.selectFrom("password_credentials").select("user_id").where("user_id", "=", userId).executeTakeFirst()) !==
		undefined
	);
}

/**
 * Stores a new hash of the same password (a rehash at today's cost), only if the stored hash is
 * still `oldHash`: a password changed meanwhile is never overwritten.
 */
export async function replacePasswordHashIfUnchanged(db: Db | Tx, userId: string, oldHash: string, newHash: string) {
	await db
		.updateTable("password_credentials")
		.set({ password_hash: newHash })
		.where("user_id", "=", userId)
		.where("password_hash", "=", oldHash)
		.execute();
}
