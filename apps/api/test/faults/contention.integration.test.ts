import { insertAuditEvent } from "@tessera/core/audit/audit.repository";
import type { AuditAction } from "@tessera/core/audit/audit-actions";
import { inTransaction, type Tx } from "@tessera/core/shared/tx";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type SeededUser, startTestServer, type TestServer } from "../../src/testing";
import { describeWithPrivatePostgres, PRIVATE_POSTGRES_HOOK_TIMEOUT_MS } from "./harness";

/** Resolves for everyone once `parties` have arrived: the transactions really overlap. */
function barrier(parties: number): () => Promise<void> {
	let arrived = 0;
	let open: () => void = () => {};
	const opened = new Promise<void>((resolve) => {
		open = resolve;
	});
	return () => {
		arrived++;
		if (arrived === parties) open();
		return opened;
	};
}

describeWithPrivatePostgres("transactions that collide in PostgreSQL", (postgres) => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startTestServer({ database: { adminUrl: postgres().adminUrl } });
	}, PRIVATE_POSTGRES_HOOK_TIMEOUT_MS);
	afterAll(async () => {
		await server?.close();
	});

	const bump = (trx: Tx, user: SeededUser) =>
		trx.updateTable("users").set({ version: sql`version + 1` }).where("id", "=", user.id).execute();
	const versionOf = async (user: SeededUser) =>
		(await server.db.selectFrom("users").select("version").where("id", "=", user.id).executeTakeFirstOrThrow()).version;
	const auditRows = (tenantId: string, action: AuditAction) =>
		server.db
			.selectFrom("audit_events")
			.select("details")
			.where("tenant_id", "=", tenantId)
			.where("action", "=", action)
			.orderBy("id")
			.execute();
	const auditOf = (user: SeededUser, action: AuditAction, details: Record<string, unknown>) => ({
		tenantId: user.tenantId,
		occurredAt: server.clock.now(),
		actorUserId: null,
		targetUserId: user.id,
		action,
		outcome: "success" as const,
		ip: null,
		userAgent: null,
		details,
	});

	it("retries the deadlock victim, so both changes land once each", async () => {
		const first = await server.seedUser();
		const second = await server.seedUser();
		const versions = [await versionOf(first), await versionOf(second)];
		const bothHoldTheirFirstRow = barrier(2);
		const runs = { forward: 0, backward: 0 };
		const crossing = (name: keyof typeof runs, [a, b]: [SeededUser, SeededUser]) =>
			inTransaction(server.db, async (trx) => {
				runs[name]++;
				await bump(trx, a);
				// Only the first attempt waits: the retry must not wait for a partner that finished.
				if (runs[name] === 1) await bothHoldTheirFirstRow();
				await bump(trx, b);
				await insertAuditEvent(trx, auditOf(a, "user.updated", { transaction: name }));
				return name;
			});
		const outcome = await Promise.all([crossing("forward", [first, second]), crossing("backward", [second, first])]);
		expect(outcome).toEqual(["forward", "backward"]);
		// PostgreSQL broke the deadlock by rolling one back (40P01); inTransaction ran it again.
		expect([runs.forward, runs.backward].sort()).toEqual([1, 2]);
		expect([await versionOf(first), await versionOf(second)]).toEqual(versions.map((v) => v + 2));
		const audits = await auditRows(first.tenantId, "user.updated");
		expect(audits.map((a) => (a.details as { transaction: string }).transaction).sort()).toEqual([
			"backward",
			"forward",
		]);
	});

	it("retries a serialization failure, so the retry sees the change that won", async () => {
		const user = await server.seedUser();
		const bothHaveRead = barrier(2);
		const runs = [0, 0];
		// Write skew: each reads how many marks exist and adds one more, knowing that count. Run
		// one after the other they record 0 and 1; interleaved, SERIALIZABLE rejects one (40001).
		const mark = (index: 0 | 1) =>
			inTransaction(server.db, async (trx) => {
				runs[index] = (runs[index] ?? 0) + 1;
				await sql`set transaction isolation level serializable`.execute(trx);
				const { count } = await trx
					.selectFrom("audit_events")
					.select((eb) => eb.fn.countAll<number>().as("count"))
					.where("tenant_id", "=", user.tenantId)
					.where("action", "=", "user.profile_updated")
					.executeTakeFirstOrThrow();
				if (runs[index] === 1) await bothHaveRead();
				await insertAuditEvent(trx, auditOf(user, "user.profile_updated", { seen: count, index }));
			});
		await Promise.all([mark(0), mark(1)]);
		expect([...runs].sort()).toEqual([1, 2]);
		const audits = await auditRows(user.tenantId, "user.profile_updated");
		expect(audits.map((a) => (a.details as { seen: number }).seen)).toEqual([0, 1]);
	});
});
