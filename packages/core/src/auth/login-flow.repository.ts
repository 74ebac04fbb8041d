import type { AuthMethod, LoginFlowRow } from "@tessera/db/schema";
import { sql } from "kysely";
import type { Db, Tx } from "../shared/tx";

export async function insertLoginFlow(
	db: Db | Tx,
	values: {
		tenantId: string;
		userId: string;
		tokenHash: string;
		stage: LoginFlowRow["stage"];
		amr: AuthMethod[];
		now: Date;
		expiresAt: Date;
		ip: string | null;
		userAgent: string | null;
	},
): Promise<string> {
	const row = await db
		.insertInto("login_flows")
		.values({
			tenant_id: values.tenantId,
			user_id: values.userId,
			token_hash: values.tokenHash,
			stage: values.stage,
			amr: values.amr,
			created_at: values.now,
			expires_at: values.expiresAt,
			ip: values.ip,
			user_agent: values.userAgent,
		})
		.returning("id")
		.executeTakeFirstOrThrow();
	return row.id;
}

export function findLoginFlowByTokenHash(db: Db | Tx, tokenHash: string) {
	return db.selectFrom("login_flows").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

/** Ends a flow (completed or killed). True only for the caller that ended it. */
export async function consumeLoginFlow(db: Db | Tx, id: string, now: Date): Promise<boolean> {
	const row = await db
		.updateTable("login_flows")
		.set({ consumed_at: now })
		.where("id", "=", id)
		.where("consumed_at", "is", null)
		.returning("id")
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * Reserves one of the flow's wrong-answer slots before a second factor is checked, in a single
 * conditional statement: at most `max` answers are ever in flight or wrong together in one flow,
 * however many arrive at once (M08; issue 10, item 3). Returns the slot's number, or null when
 * none is left or the flow has ended.
 */
export async function reserveFlowAttempt(db: Db | Tx, id: string, max: number): Promise<number | null> {
	const row = await db
		.updateTable("login_flows")
		.set({ code_failures: sql`code_failures + 1` })
		.where("id", "=", id)
		.where("consumed_at", "is", null)
		.where("code_failures", "<", max)
		.returning("code_failures")
		.executeTakeFirst();
	return row?.code_failures ?? null;
}

/** Gives a reserved slot back: the answer was right, or it was never checked. */
export async function releaseFlowAttempt(db: Db | Tx, id: string): Promise<void> {
	await db
		.updateTable("login_flows")
		.set({ code_failures: sql`greatest(code_failures - 1, 0)` })
		.where("id", "=", id)
		.execute();
}
