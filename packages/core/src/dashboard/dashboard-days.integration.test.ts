import { createTestDatabase, type TestDatabase } from "@tessera/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAuditEvent } from "../audit/audit.repository";
import {
	countActivityPerLocalDay,
	countPostureChangesPerLocalDay,
	findLocalDays,
	POSTURE_KEYS,
} from "./dashboard.repository";
import { figuresAtDayEnds } from "./dashboard-history";

/**
 * The dashboard's days are the viewer's local days, read from 15-minute UTC buckets: across the
 * spring DST change in Amsterdam (30 March 2025, 02:00 CET → 03:00 CEST, a 23-hour day), each
 * event and each change falls on the local day it happened on, and the figures at the end of a
 * day are today's minus the changes after it.
 */
let database: TestDatabase;
let tenantId: string;
let userId: string;
const ZONE = "Europe/Amsterdam";
const NOW = new Date("2025-04-10T10:00:00Z");
const ALL = { all: true } as const;

beforeAll(async () => {
	database = await createTestDatabase();
	({ id: tenantId } = await database.db
		.insertInto("tenants")
		.values({ slug: "days", name: "Days" })
		.returning("id")
		.executeTakeFirstOrThrow());
	({ id: userId } = await database.db
		.insertInto("users")
		.values({ tenant_id: tenantId, state: "active", email: "days@example.com" })
		.returning("id")
		.executeTakeFirstOrThrow());
});
afterAll(async () => {
	await database?.destroy();
});

async function signInFailedAt(at: string) {
	await insertAuditEvent(database.db, {
		tenantId,
		occurredAt: new Date(at),
		actorUserId: null,
		targetUserId: userId,
		action: "auth.sign_in",
		outcome: "failure",
		ip: null,
		userAgent: null,
	});
}

describe("dashboard days in the viewer's time zone", () => {
	it("lists 30 local days with the instant each starts, one of them 23 hours long", async () => {
		const days = await findLocalDays(database.db, NOW, ZONE, 30);
		expect(days).toHaveLength(30);
		expect(days[0]?.day).toBe("2025-03-12");
		expect(days.at(-1)?.day).toBe("2025-04-10");
		const start = (day: string) => days.find((d) => d.day === day)?.start.toISOString();
		expect(start("2025-03-30")).toBe("2025-03-29T23:00:00.000Z");
		expect(start("2025-03-31")).toBe("2025-03-30T22:00:00.000Z");
		expect(start("2025-04-10")).toBe("2025-04-09T22:00:00.000Z");
	});

	it("counts each event on the local day it happened, whatever the offset that day", async () => {
		await signInFailedAt("2025-03-29T22:50:00Z"); // 23:50 CET, 29 March
		await signInFailedAt("2025-03-29T23:10:00Z"); // 00:10 CET, 30 March
		await signInFailedAt("2025-03-30T21:45:00Z"); // 23:45 CEST, 30 March (a fixed +1 would say 22:45, same day)
		await signInFailedAt("2025-03-30T22:05:00Z"); // 00:05 CEST, 31 March (a fixed +1 would say 23:05 on the 30th)
		await signInFailedAt("2025-03-11T22:59:00Z"); // 23:59 on 11 March: before the first day
		const days = await findLocalDays(database.db, NOW, ZONE, 30);
		const rows = await countActivityPerLocalDay(database.db, tenantId, ALL, days[0]?.start ?? NOW, ZONE);
		expect(rows.map((r) => [r.day, r.failures])).toEqual([
			["2025-03-29", 1],
			["2025-03-30", 2],
			["2025-03-31", 1],
		]);
		expect(rows.every((r) => r.sign_ins === 0 && r.lockouts === 0)).toBe(true);
	});

	it("derives MFA adoption at the end of each day from the changes after it", async () => {
		// The trigger dates changes by the database's clock; these stand for changes made on those days.
		const nil = "00000000-0000-0000-0000-000000000000";
		const change = (bucket: string, twoFactorType: string, users: number) => ({
			tenant_id: tenantId,
			account_id: nil,
			bucket: new Date(bucket),
			user_type: "human",
			two_factor_type: twoFactorType,
			slot: 1,
			users,
		});
		await database.db
			.insertInto("dashboard_active_changes")
			.values([
				// 30 March, 23:45 CEST: the user moved from no second factor to an authenticator app.
				change("2025-03-30T21:45:00Z", "", -1),
				change("2025-03-30T21:45:00Z", "totp", 1),
				// 31 March, 00:00 CEST: and on to a passkey.
				change("2025-03-30T22:00:00Z", "totp", -1),
				change("2025-03-30T22:00:00Z", "passkey", 1),
			])
			.execute();
		const days = await findLocalDays(database.db, NOW, ZONE, 30);
		const changes = await countPostureChangesPerLocalDay(database.db, tenantId, ALL, days[0]?.start ?? NOW, ZONE);
		const now = { people_active: 1, mfa_enabled: 1, totp: 0, sms: 0, email: 0, passkey: 1 };
		const ends = figuresAtDayEnds(
			days.map((d) => d.day),
			now,
			changes,
			POSTURE_KEYS,
		);
		const at = (day: string) => ends[days.findIndex((d) => d.day === day)];
		expect(at("2025-03-29")).toMatchObject({ people_active: 1, mfa_enabled: 0, totp: 0, passkey: 0 });
		expect(at("2025-03-30")).toMatchObject({ people_active: 1, mfa_enabled: 1, totp: 1, passkey: 0 });
		expect(at("2025-03-31")).toMatchObject({ people_active: 1, mfa_enabled: 1, totp: 0, passkey: 1 });
		expect(at("2025-04-10")).toEqual(now);
	});
});
