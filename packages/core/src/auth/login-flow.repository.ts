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

/** Moves an open flow to its next stage, recording the factors proven so far. */
export async function advanceLoginFlow(
	db: Db | Tx,
	id: string,
	stage: LoginFlowRow["stage"],
	amr: AuthMethod[],
): Promise<void> {
	await db
		.updateTable("login_flows")
		.set({ stage, amr })
		.where("id", "=", id)
		.where("consumed_at", "is", null)
		.execute();
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

/** Counts a wrong second-factor answer against the flow; returns the new count. */
export async function countFlowFailure(db: Db | Tx, id: string): Promise<number> {
	const row = await db
		.updateTable("login_flows")
		.set({ code_failures: sql`code_failures + 1` })
		.where("id", "=", id)
		.returning("code_failures")
		.executeTakeFirstOrThrow();
	return row.code_failures;
}
