import type { Db, Tx } from "../shared/tx";

/** The user's current password hash, or undefined when they have no password. */
export async function findCurrentPasswordHash(
	db: Db | Tx,
	tenantId: string,
	userId: string,
): Promise<string | undefined> {
	const row = await db
		.selectFrom("password_credentials")
		.select("password_hash")
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.executeTakeFirst();
	return row?.password_hash;
}

/** The user's `limit` most recently retired password hashes, newest first. */
export async function findRecentPasswordHashes(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	limit: number,
): Promise<string[]> {
	if (limit <= 0) return [];
	const rows = await db
		.selectFrom("password_history")
		.select("password_hash")
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		// id breaks ties between rows retired in the same instant, so the order is stable.
		.orderBy("created_at", "desc")
		.orderBy("id", "desc")
		.limit(limit)
		.execute();
	return rows.map((row) => row.password_hash);
}

export async function insertPasswordHistory(
	trx: Tx,
	entry: { tenantId: string; userId: string; passwordHash: string; retiredAt: Date },
): Promise<void> {
	await trx
		.insertInto("password_history")
		.values({
			tenant_id: entry.tenantId,
			user_id: entry.userId,
			password_hash: entry.passwordHash,
			created_at: entry.retiredAt,
		})
		.execute();
}

/** Deletes all but the user's `keep` newest history rows (same order as `findRecentPasswordHashes`). */
export async function deletePasswordHistoryBeyond(
	trx: Tx,
	tenantId: string,
	userId: string,
	keep: number,
): Promise<void> {
	await trx
		.deleteFrom("password_history")
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("id", "not in", (qb) =>
			qb
				.selectFrom("password_history")
				.select("id")
				.where("tenant_id", "=", tenantId)
				.where("user_id", "=", userId)
				.orderBy("created_at", "desc")
				.orderBy("id", "desc")
				.limit(Math.max(keep, 0)),
		)
		.execute();
}
