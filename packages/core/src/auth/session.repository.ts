import type { AuthMethod } from "@tessera/db/schema";
import type { Db, Tx } from "../shared/tx";

export interface NewSession {
	tenantId: string;
	userId: string;
	tokenHash: string;
	now: Date;
	expiresAt: Date;
	ip: string | null;
	userAgent: string | null;
	/** The factors the user proved to get this session. */
	amr: AuthMethod[];
}

export async function insertSession(db: Db | Tx, session: NewSession): Promise<string> {
	const row = await db
		.insertInto("sessions")
		.values({
			tenant_id: session.tenantId,
			user_id: session.userId,
			token_hash: session.tokenHash,
			created_at: session.now,
			last_seen_at: session.now,
			authenticated_at: session.now,
			amr: session.amr,
			expires_at: session.expiresAt,
			ip: session.ip,
			user_agent: session.userAgent,
		})
		.returning("id")
		.executeTakeFirstOrThrow();
	return row.id;
}

/**
 * The one query every authenticated request runs: the session by token hash, joined with the
 * few user columns that decide whether the user may still act. Indexed on token_hash (unique).
 */
export function findSessionByTokenHash(db: Db, tokenHash: string) {
	return db
		.selectFrom("sessions")
		.innerJoin("users", "users.id", "sessions.user_id")
		.select([
			"sessions.id",
			"sessions.tenant_id",
			"sessions.user_id",
			"sessions.last_seen_at",
			"sessions.expires_at",
			"sessions.revoked_at",
			"users.state",
		])
		.where("sessions.token_hash", "=", tokenHash)
		.executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
	await db.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", sessionId).execute();
}

export async function revokeSessionById(db: Db | Tx, tenantId: string, sessionId: string, now: Date): Promise<void> {
	await db
		.updateTable("sessions")
		.set({ revoked_at: now })
		.where("tenant_id", "=", tenantId)
		.where("id", "=", sessionId)
		.where("revoked_at", "is", null)
		.execute();
}

/** Ends every live session of a user (state change, password change, admin action). */
export async function revokeSessionsOfUser(db: Db | Tx, tenantId: string, userId: string, now: Date): Promise<number> {
	const result = await db
		.updateTable("sessions")
		.set({ revoked_at: now })
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("revoked_at", "is", null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}
