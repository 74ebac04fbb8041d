import type { Db, Tx } from "../shared/tx";
import type { TListAuditInput } from "./audit.schema";
import type { AuditAction } from "./audit-actions";

export interface AuditEventInput {
	tenantId: string;
	occurredAt: Date;
	actorUserId: string | null;
	targetUserId: string | null;
	action: AuditAction;
	outcome: "success" | "failure";
	ip: string | null;
	userAgent: string | null;
	/** What changed (before/after summaries), never secrets. */
	details?: Record<string, unknown>;
}

/** Appends one audit row. Call it with the same transaction as the change it records. */
export async function insertAuditEvent(db: Db | Tx, event: AuditEventInput): Promise<void> {
	await db
		.insertInto("audit_events")
		.values({
			tenant_id: event.tenantId,
			occurred_at: event.occurredAt,
			actor_user_id: event.actorUserId,
			target_user_id: event.targetUserId,
			action: event.action,
			outcome: event.outcome,
			ip: event.ip,
			user_agent: event.userAgent,
			details: JSON.stringify(event.details ?? {}),
		})
		.execute();
}

/**
 * One page of the tenant's audit log, newest first (by id, which the primary key serves as a
 * keyset), continued below `beforeId`, with the actor's and target's email as they are now.
 */
export function findAuditEventPage(
	db: Db,
	tenantId: string,
	input: TListAuditInput,
	beforeId: number | null,
	limit: number,
) {
	let q = db
		.selectFrom("audit_events as e")
		.leftJoin("users as actor", (join) =>
			join.onRef("actor.id", "=", "e.actor_user_id").on("actor.tenant_id", "=", tenantId),
		)
		.leftJoin("users as target", (join) =>
			join.onRef("target.id", "=", "e.target_user_id").on("target.tenant_id", "=", tenantId),
		)
		.select([
			"e.id",
			"e.occurred_at",
			"e.action",
			"e.outcome",
			"e.actor_user_id",
			"actor.email as actor_email",
			"e.target_user_id",
			"target.email as target_email",
			"e.ip",
			"e.user_agent",
			"e.details",
		])
		.where("e.tenant_id", "=", tenantId);
	if (input.action)
		q = input.action.endsWith(".")
			? q.where("e.action", "like", `${input.action.replace(/_/g, "\\_")}%`)
			: q.where("e.action", "=", input.action);
	if (input.actorUserId) q = q.where("e.actor_user_id", "=", input.actorUserId);
	if (input.targetUserId) q = q.where("e.target_user_id", "=", input.targetUserId);
	if (input.outcome) q = q.where("e.outcome", "=", input.outcome);
	if (input.ip) q = q.where("e.ip", "=", input.ip);
	if (input.from) q = q.where("e.occurred_at", ">=", input.from);
	if (input.to) q = q.where("e.occurred_at", "<", input.to);
	if (beforeId !== null) q = q.where("e.id", "<", beforeId);
	// Newest first by id: ids grow with insertion, and the primary key serves the keyset.
	return q.orderBy("e.id", "desc").limit(limit).execute();
}

/** The latest 20 events about a user, with the actor's name as it is now (a purged actor names nobody). */
export function findRecentEventsAboutUser(db: Db | Tx, tenantId: string, userId: string) {
	return db
		.selectFrom("audit_events as e")
		.leftJoin("users as a", (join) =>
			join.onRef("a.id", "=", "e.actor_user_id").onRef("a.tenant_id", "=", "e.tenant_id"),
		)
		.select(["e.id", "e.occurred_at", "e.action", "e.outcome", "e.actor_user_id", "e.ip"])
		.select(["a.first_name as actor_first_name", "a.last_name as actor_last_name", "a.email as actor_email"])
		.where("e.tenant_id", "=", tenantId)
		.where("e.target_user_id", "=", userId)
		.orderBy("e.occurred_at", "desc")
		.orderBy("e.id", "desc")
		.limit(20)
		.execute();
}

/**
 * One page of the events about one user (`target_user_id`), newest first by (occurred_at, id),
 * continued below `before` (keyset), limited to `actions`. This is all a user's own activity
 * reads: the tenant and the target are both fixed, so no event about another user or of another
 * tenant can reach the page. `audit_events_target` (tenant_id, target_user_id, occurred_at) serves
 * the order. Cursors carry `occurred_at` at millisecond precision, which is exact because every
 * audit row is written with a JavaScript Date from the clock (`insertAuditEvent`).
 */
export function findEventPageAboutUser(
	db: Db,
	tenantId: string,
	userId: string,
	actions: readonly AuditAction[],
	before: { occurredAt: Date; id: number } | null,
	limit: number,
) {
	let q = db
		.selectFrom("audit_events as e")
		.select(["e.id", "e.occurred_at", "e.action", "e.outcome", "e.actor_user_id", "e.ip", "e.user_agent"])
		.where("e.tenant_id", "=", tenantId)
		.where("e.target_user_id", "=", userId)
		.where("e.action", "in", actions);
	if (before !== null) {
		q = q.where((eb) => eb(eb.refTuple("e.occurred_at", "e.id"), "<", eb.tuple(before.occurredAt, before.id)));
	}
	return q.orderBy("e.occurred_at", "desc").orderBy("e.id", "desc").limit(limit).execute();
}
