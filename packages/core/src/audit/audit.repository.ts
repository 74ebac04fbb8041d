import type { Db, Tx } from "../shared/tx";

export interface AuditEventInput {
	tenantId: string;
	occurredAt: Date;
	actorUserId: string | null;
	targetUserId: string | null;
	action: string;
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
