import { findAuditEventPage } from "../audit/audit.repository";
import type { TListAuditInput } from "../audit/audit.schema";
import { authorizeInTenant } from "../roles/authorization.service";
import type { SessionActor } from "../shared/actor";
import { toCsv } from "../shared/csv";
import { decodeIdCursor, encodeIdCursor } from "../shared/cursor";
import type { CoreDeps } from "../shared/deps";

const toEvent = (row: Awaited<ReturnType<typeof findAuditEventPage>>[number]) => ({
	id: row.id,
	occurredAt: row.occurred_at,
	action: row.action,
	outcome: row.outcome,
	actorUserId: row.actor_user_id,
	actorEmail: row.actor_email,
	targetUserId: row.target_user_id,
	targetEmail: row.target_email,
	ip: row.ip,
	userAgent: row.user_agent,
	details: row.details,
});

/**
 * The tenant's audit log, newest first, searchable by action, actor, target, outcome, address and
 * time. Tenant-wide audit.read only: the log names people across accounts.
 */
export async function listAuditEvents({ db }: Pick<CoreDeps, "db">, actor: SessionActor, input: TListAuditInput) {
	await authorizeInTenant(db, actor, "audit.read");
	const rows = await findAuditEventPage(
		db,
		actor.tenantId,
		input,
		input.cursor === undefined ? null : decodeIdCursor(input.cursor),
		input.limit + 1,
	);
	const page = rows.slice(0, input.limit);
	const last = page.at(-1);
	return { items: page.map(toEvent), nextCursor: rows.length > input.limit && last ? encodeIdCursor(last.id) : null };
}

/** The same search as CSV, streamed in pages of 1,000. */
export async function* exportAuditCsv(
	{ db }: Pick<CoreDeps, "db">,
	actor: SessionActor,
	input: Omit<TListAuditInput, "cursor" | "limit">,
): AsyncGenerator<string> {
	await authorizeInTenant(db, actor, "audit.read");
	yield toCsv([
		[
			"id",
			"occurred_at",
			"action",
			"outcome",
			"actor_user_id",
			"actor_email",
			"target_user_id",
			"target_email",
			"ip",
			"user_agent",
			"details",
		],
	]);
	let before: number | null = null;
	for (;;) {
		const rows = await findAuditEventPage(db, actor.tenantId, { ...input, limit: 1000 }, before, 1000);
		yield toCsv(
			rows.map((r) => [
				r.id,
				r.occurred_at,
				r.action,
				r.outcome,
				r.actor_user_id,
				r.actor_email,
				r.target_user_id,
				r.target_email,
				r.ip,
				r.user_agent,
				JSON.stringify(r.details),
			]),
		);
		const last = rows.at(-1);
		if (rows.length < 1000 || !last) return;
		before = last.id;
	}
}
