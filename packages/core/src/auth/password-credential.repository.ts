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
