import { insertAuditEvent } from "../audit/audit.repository";
import type { SessionActor } from "../shared/actor";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { describeUserAgent } from "../shared/user-agent";
import { findOwnSessionId, listLiveSessionsOfUser, revokeOtherSessions, revokeSessionById } from "./session.repository";

export interface SessionView {
	id: string;
	current: boolean;
	createdAt: Date;
	lastActiveAt: Date;
	ip: string | null;
	browser: string | null;
	os: string | null;
	device: string | null;
}

/** The user's live sessions, most recently active first, the calling one marked. */
export async function listOwnSessions(deps: CoreDeps, actor: SessionActor): Promise<SessionView[]> {
	const now = deps.clock.now();
	const rows = await listLiveSessionsOfUser(deps.db, actor.tenantId, actor.userId, now);
	return rows.map((row) => ({
		id: row.id,
		current: row.id === actor.sessionId,
		createdAt: row.created_at,
		lastActiveAt: row.last_seen_at,
		ip: row.ip,
		...describeUserAgent(row.user_agent),
	}));
}

/** Ends one of the user's own sessions. Another user's session id behaves as unknown. */
export async function revokeOwnSession(
	deps: CoreDeps,
	actor: SessionActor,
	sessionId: string,
	meta: RequestMeta,
): Promise<void> {
	const now = deps.clock.now();
	const owned = await findOwnSessionId(deps.db, actor.tenantId, actor.userId, sessionId);
	if (!owned) return;
	await revokeSessionById(deps.db, actor.tenantId, sessionId, now);
	await insertAuditEvent(deps.db, {
		tenantId: actor.tenantId,
		occurredAt: now,
		actorUserId: actor.userId,
		targetUserId: actor.userId,
		action: "session.revoked",
		outcome: "success",
		ip: meta.ip,
		userAgent: meta.userAgent,
		details: { sessionId, current: sessionId === actor.sessionId },
	});
}

/** Ends every session of the user except the calling one. */
export async function revokeOtherOwnSessions(deps: CoreDeps, actor: SessionActor, meta: RequestMeta): Promise<number> {
	const now = deps.clock.now();
	const count = await revokeOtherSessions(deps.db, actor.tenantId, actor.userId, actor.sessionId, now);
	await insertAuditEvent(deps.db, {
		tenantId: actor.tenantId,
		occurredAt: now,
		actorUserId: actor.userId,
		targetUserId: actor.userId,
		action: "session.revoked_others",
		outcome: "success",
		ip: meta.ip,
		userAgent: meta.userAgent,
		details: { count },
	});
	return count;
}
