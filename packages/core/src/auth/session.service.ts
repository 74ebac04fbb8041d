import { createHash, randomBytes } from "node:crypto";
import type { AuthMethod, RequiredAction, UserState } from "@tessera/db/schema";
import { insertAuditEvent } from "../audit/audit.repository";
import type { TenantPolicy } from "../policy/tenant-policy";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import type { Grant, SessionActor } from "../shared/actor";
import { type Clock, HOUR, MINUTE } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { inTransaction, type Tx } from "../shared/tx";
import type { OwnProfile } from "../users/user";
import { ownProfileOf } from "../users/user.service";
import { canAct } from "../users/user-state";
import {
	findSessionByTokenHash,
	findSessionWithOwnProfileByTokenHash,
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
 *
 * Runs in the caller's transaction, which must hold the user's row lock (sign-in takes it with
 * `recordSignIn`): without it, sign-ins finishing at once each counted only their own new
 * session among the uncommitted ones, and five left five live sessions under a cap of two.
 */
export async function startSession(
	trx: Tx,
	clock: Clock,
	user: { tenantId: string; userId: string; amr: AuthMethod[] },
	meta: RequestMeta,
	/** The tenant's policy when the caller has just read it (sign-in has); else it is read here. */
	policy?: Pick<TenantPolicy, "session">,
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
	const token = generateSessionToken();
	const now = clock.now();
	const { session: limits } = policy ?? (await getTenantPolicy(trx, user.tenantId));
	const expiresAt = new Date(now.getTime() + limits.absoluteHours * HOUR);
	const sessionId = await insertSession(trx, {
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
	await revokeSessionsBeyond(trx, user.tenantId, user.userId, limits.maxConcurrent, now);
	return { token, sessionId, expiresAt };
}

/** What deciding on a session reads (`findSessionByTokenHash` and its profile-reading twin). */
interface SessionCheckRow {
	id: string;
	tenant_id: string;
	user_id: string;
	last_seen_at: Date;
	expires_at: Date;
	idle_minutes: number;
	revoked_at: Date | null;
	authenticated_at: Date;
	state: UserState;
	required_actions: RequiredAction[];
	grants: Grant[];
}

/** A token of the wrong shape cannot be ours: no query is spent on it. */
function isWellFormedToken(token: string | undefined): token is string {
	return token !== undefined && token.length === 43;
}

/**
 * The one decision on a session row: refuses revoked, idle-expired and absolutely expired
 * sessions, and sessions of users who can no longer act (inactive, deleting, deleted), checked
 * on every request so a state change takes effect at once. Touches `last_seen_at` at most once a
 * minute.
 */
async function actorOfSession(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	session: SessionCheckRow,
): Promise<SessionActor | null> {
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

/**
 * Turns a cookie token into an actor, or null (see `actorOfSession` for what is refused).
 */
export async function resolveSession(
	deps: Pick<CoreDeps, "db" | "clock">,
	token: string | undefined,
): Promise<SessionActor | null> {
	if (!isWellFormedToken(token)) return null;
	const session = await findSessionByTokenHash(deps.db, hashSessionToken(token));
	return session ? actorOfSession(deps, session) : null;
}

/**
 * `resolveSession` and the user's own profile in one round trip (`me.get` on every portal page
 * load): the same decision on the same row, and the profile read at the same moment, or null.
 */
export async function resolveSessionWithOwnProfile(
	deps: Pick<CoreDeps, "db" | "clock">,
	token: string | undefined,
): Promise<{ actor: SessionActor; ownProfile: OwnProfile } | null> {
	if (!isWellFormedToken(token)) return null;
	const row = await findSessionWithOwnProfileByTokenHash(deps.db, hashSessionToken(token));
	if (!row) return null;
	const actor = await actorOfSession(deps, row);
	if (!actor) return null;
	// The row's `id` is the session's; the profile is the user's.
	return { actor, ownProfile: ownProfileOf(actor, { ...row, id: row.user_id }) };
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
