import { createHash, randomBytes } from "node:crypto";
import type { AuthMethod } from "@tessera/db/schema";
import { insertAuditEvent } from "../audit/audit.repository";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import type { SessionActor } from "../shared/actor";
import { type Clock, HOUR, MINUTE } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { type Db, inTransaction, type Tx } from "../shared/tx";
import { canAct } from "../users/user-state";
import {
	findSessionByTokenHash,
	insertSession,
	revokeSessionById,
	revokeSessionsBeyond,
	touchSession,
} from "./session.repository";

/** last_seen_at is written at most this often, so a busy session is not a write per request. */
const TOUCH_INTERVAL_MS = MINUTE;

/** 256 bits from the CSPRNG, base64url: the cookie value. Only its SHA-256 is stored. */
export function generateSessionToken(): string {
	return randomBytes(32).toString("base64url");
}

export function hashSessionToken(token: string): string {
	return createHash("sha256").update(token).digest("hex");
}

/**
 * Starts a session under the tenant's session policy (defaults: 15 minutes idle, PCI DSS 8.2.8;
 * 12 hours in all, NIST 800-63B-4 §2.3.3; 10 at once, ASVS 7.1.2): it ends after `absoluteHours`
 * whatever happens, after `idleMinutes` without a request, and signing in beyond
 * `maxConcurrent` ends the user's oldest sessions.
 */
export async function startSession(
	db: Db | Tx,
	clock: Clock,
	user: { tenantId: string; userId: string; amr: AuthMethod[] },
	meta: RequestMeta,
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
	const token = generateSessionToken();
	const now = clock.now();
	const { session: limits } = await getTenantPolicy(db, user.tenantId);
	const expiresAt = new Date(now.getTime() + limits.absoluteHours * HOUR);
	const sessionId = await insertSession(db, {
		tenantId: user.tenantId,
		userId: user.userId,
		tokenHash: hashSessionToken(token),
		now,
		expiresAt,
		ip: meta.ip,
		userAgent: meta.userAgent?.slice(0, 512) ?? null,
		amr: user.amr,
		idleMinutes: limits.idleMinutes,
	});
	await revokeSessionsBeyond(db, user.tenantId, user.userId, limits.maxConcurrent, now);
	return { token, sessionId, expiresAt };
}

/**
 * Turns a cookie token into an actor, or null. Refuses revoked, idle-expired and absolutely
 * expired sessions, and sessions of users who can no longer act (inactive, deleting, deleted),
 * checked on every request so a state change takes effect at once.
 */
export async function resolveSession(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	token: string | undefined,
): Promise<SessionActor | null> {
	// A token of the wrong shape cannot be ours; skip the query.
	if (token === undefined || token.length !== 43) return null;
	const session = await findSessionByTokenHash(db, hashSessionToken(token));
	if (!session) return null;
	if (session.revoked_at !== null || !canAct(session.state)) return null;
	const now = clock.now().getTime();
	if (now >= session.expires_at.getTime()) return null;
	if (now - session.last_seen_at.getTime() >= session.idle_minutes * MINUTE) return null;
	if (now - session.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) await touchSession(db, session.id, clock.now());
	return {
		kind: "session",
		sessionId: session.id,
		tenantId: session.tenant_id,
		userId: session.user_id,
		authenticatedAt: session.authenticated_at,
		requiredActions: session.required_actions,
		// Read in the same query as the session, at the same moment: no cache outlives this request.
		grants: session.grants,
	};
}

/** Signs out: ends the caller's session and audits `auth.sign_out` in the same transaction. */
export async function endSession(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	meta: RequestMeta,
): Promise<void> {
	const now = clock.now();
	await inTransaction(db, async (trx) => {
		await revokeSessionById(trx, actor.tenantId, actor.sessionId, now);
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: actor.userId,
			action: "auth.sign_out",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: { sessionId: actor.sessionId },
		});
	});
}
