import { sql } from "kysely";
import type { Db, Tx } from "../shared/tx";

export interface NewPasswordResetToken {
	tenantId: string;
	userId: string;
	tokenHash: string;
	/** Null when the user asked; the administrator's id when one sent the link. */
	requestedBy: string | null;
	now: Date;
	expiresAt: Date;
}

export async function insertPasswordResetToken(trx: Tx, token: NewPasswordResetToken): Promise<void> {
	await trx
		.insertInto("password_reset_tokens")
		.values({
			tenant_id: token.tenantId,
			user_id: token.userId,
			token_hash: token.tokenHash,
			requested_by: token.requestedBy,
			created_at: token.now,
			expires_at: token.expiresAt,
		})
		.execute();
}

/**
 * Spends every open reset token of a user: a newer request, a password change and an email change
 * each void the links sent before (SECURITY A18). Returns how many were still open.
 */
export async function voidPasswordResetTokens(db: Db | Tx, userId: string, now: Date): Promise<number> {
	const result = await db
		.updateTable("password_reset_tokens")
		.set({ used_at: now })
		.where("user_id", "=", userId)
		.where("used_at", "is", null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Reset links issued to a user since `since`, used or not: the per-account cap counts these. */
export async function countPasswordResetsSince(trx: Tx, userId: string, since: Date): Promise<number> {
	const row = await trx
		.selectFrom("password_reset_tokens")
		.select(sql<number>`count(*)::int`.as("n"))
		.where("user_id", "=", userId)
		.where("created_at", ">", since)
		.executeTakeFirstOrThrow();
	return row.n;
}

/** The open, unexpired token with this hash, if any (read only: a refused password keeps it usable). */
export function findUsablePasswordResetToken(db: Db, tokenHash: string, now: Date) {
	return db
		.selectFrom("password_reset_tokens")
		.select(["id", "tenant_id", "user_id", "requested_by", "expires_at"])
		.where("token_hash", "=", tokenHash)
		.where("used_at", "is", null)
		.where("expires_at", ">", now)
		.executeTakeFirst();
}

/**
 * Spends the token in one conditional UPDATE: of parallel calls with the same token exactly one
 * gets the row back, the others find it used (SECURITY A18, single use).
 */
export function consumePasswordResetToken(trx: Tx, tokenHash: string, now: Date) {
	return trx
		.updateTable("password_reset_tokens")
		.set({ used_at: now })
		.where("token_hash", "=", tokenHash)
		.where("used_at", "is", null)
		.where("expires_at", ">", now)
		.returning(["id", "tenant_id", "user_id", "requested_by"])
		.executeTakeFirst();
}

/** Records a reset by email link: until a non-email second factor vouches again, email codes do not count. */
export async function markPasswordResetByLink(trx: Tx, userId: string, now: Date): Promise<void> {
	await trx.updateTable("users").set({ password_reset_at: now }).where("id", "=", userId).execute();
}

/** A sign-in passed a second factor other than email: the mailbox is no longer the only proof. */
export async function clearPasswordResetMark(db: Db | Tx, tenantId: string, userId: string): Promise<void> {
	await db
		.updateTable("users")
		.set({ password_reset_at: null })
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.execute();
}
