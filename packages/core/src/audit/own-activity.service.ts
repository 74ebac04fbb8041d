import type { SessionActor } from "../shared/actor";
import { decodeCursor, encodeCursor } from "../shared/cursor";
import type { CoreDeps } from "../shared/deps";
import { describeUserAgent } from "../shared/user-agent";
import { actionsOfCategory } from "./activity-categories";
import { findEventPageAboutUser } from "./audit.repository";
import type { AuditAction } from "./audit-actions";
import {
	type TActivityPerformer,
	type TOwnActivityEvent,
	type TOwnActivityInput,
	type TOwnActivityOutput,
	ZOwnActivityCursor,
} from "./own-activity.schema";

type Row = Awaited<ReturnType<typeof findEventPageAboutUser>>[number];

function performerOf(row: Row, userId: string): TActivityPerformer {
	if (row.actor_user_id === null) return "none";
	return row.actor_user_id === userId ? "self" : "other";
}

function toEvent(row: Row, userId: string): TOwnActivityEvent {
	const by = performerOf(row, userId);
	// An administrator's action was sent from the administrator's browser and address: those are
	// facts about them, not about this user, so they stay out of the user's view with their name.
	const isOwnRequest = by !== "other";
	return {
		id: row.id,
		occurredAt: row.occurred_at,
		// The query takes only actions of the closed list (`actionsOfCategory`).
		action: row.action as AuditAction,
		outcome: row.outcome,
		by,
		ip: isOwnRequest ? row.ip : null,
		device: isOwnRequest && row.user_agent ? describeUserAgent(row.user_agent) : null,
	};
}

/** Where the page continues: the last row shown, from a cursor this list handed out. */
function afterCursor(cursor: string): { occurredAt: Date; id: number } {
	const [occurredAt, id] = decodeCursor(cursor, ZOwnActivityCursor);
	return { occurredAt, id };
}

/**
 * The caller's own activity, newest first: the events of their tenant about them (sign-ins,
 * failed attempts, security changes, ended sessions, an administrator's changes to them), in one
 * category or all. Needs no permission, because it reads only events whose target is the caller;
 * it never names who else acted, never shows their address or device, and returns no details.
 * Rows with an action code outside today's list (written before a rename) are left out: this page
 * names every event in words. A cursor that is not one this list handed out is a ValidationError.
 */
export async function listOwnActivity(
	{ db }: Pick<CoreDeps, "db">,
	actor: SessionActor,
	input: TOwnActivityInput,
): Promise<TOwnActivityOutput> {
	const before = input.cursor === undefined ? null : afterCursor(input.cursor);
	const rows = await findEventPageAboutUser(
		db,
		actor.tenantId,
		actor.userId,
		actionsOfCategory(input.category),
		before,
		input.limit + 1,
	);
	const page = rows.slice(0, input.limit);
	const last = page.at(-1);
	return {
		items: page.map((row) => toEvent(row, actor.userId)),
		nextCursor: rows.length > input.limit && last ? encodeCursor([last.occurred_at, last.id]) : null,
	};
}
