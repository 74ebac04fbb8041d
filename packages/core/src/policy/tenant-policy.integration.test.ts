import { createTestDatabase, type TestDatabase } from "@tessera/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TestClock } from "../shared/clock";
import { ValidationError } from "../shared/errors";
import type { RequestMeta } from "../shared/request";
import { DEFAULT_TENANT_POLICY, type TTenantPolicyInput } from "./tenant-policy";
import { TenantNotFoundError } from "./tenant-policy.errors";
import { getTenantPolicy, updateTenantPolicy } from "./tenant-policy.service";

let database: TestDatabase;
const clock = new TestClock(new Date("2026-03-01T09:00:00Z"));
const META: RequestMeta = { ip: "203.0.113.7", userAgent: "vitest" };
let tenantId: string;
let adminId: string;
let slugCounter = 0;

beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.destroy();
});

/** A fresh tenant with one admin user per test: each test owns its rows, so assertions are exact. */
beforeEach(async () => {
	// A bare tenant row: policy needs no roles, and policy/ sits below tenants/ (packages/core/README.md).
	const tenant = await database.db
		.insertInto("tenants")
		.values({ slug: `policy-${++slugCounter}`, name: "Policy Test" })
		.returning("id")
		.executeTakeFirstOrThrow();
	tenantId = tenant.id;
	const admin = await database.db
		.insertInto("users")
		.values({ tenant_id: tenantId, state: "active", email: `admin${slugCounter}@example.com` })
		.returning("id")
		.executeTakeFirstOrThrow();
	adminId = admin.id;
});

const storedPolicy = async () =>
	(await database.db.selectFrom("tenants").select("policy").where("id", "=", tenantId).executeTakeFirstOrThrow())
		.policy;

const auditRows = () =>
	database.db
		.selectFrom("audit_events")
		.select(["action", "actor_user_id", "target_user_id", "outcome", "ip", "user_agent", "details", "occurred_at"])
		.where("tenant_id", "=", tenantId)
		.where("action", "=", "tenant.policy_updated")
		.orderBy("id")
		.execute();

const update = (patch: TTenantPolicyInput) => updateTenantPolicy(database.db, clock, tenantId, patch, adminId, META);

describe("getTenantPolicy", () => {
	it("a new tenant has the defaults", async () => {
		expect(await storedPolicy()).toEqual({});
		expect(await getTenantPolicy(database.db, tenantId)).toEqual(DEFAULT_TENANT_POLICY);
	});

	it("reads a row written by an older version without failing", async () => {
		await database.db
			.updateTable("tenants")
			.set({ policy: JSON.stringify({ legacy: true, password: { minLength: 18, minLengthOld: 8 }, lockout: 5 }) })
			.where("id", "=", tenantId)
			.execute();
		const policy = await getTenantPolicy(database.db, tenantId);
		expect(policy.password.minLength).toBe(18);
		expect(policy.lockout).toEqual(DEFAULT_TENANT_POLICY.lockout);
	});

	it("an unknown tenant is an error, not a default policy", async () => {
		await expect(getTenantPolicy(database.db, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(
			TenantNotFoundError,
		);
	});
});

describe("updateTenantPolicy", () => {
	it("merges the patch, stores the whole policy and audits each change", async () => {
		const result = await update({ password: { minLength: 16 }, lockout: { durationMinutes: 60 } });
		const expected = {
			...DEFAULT_TENANT_POLICY,
			password: { ...DEFAULT_TENANT_POLICY.password, minLength: 16 },
			lockout: { ...DEFAULT_TENANT_POLICY.lockout, durationMinutes: 60 },
		};
		expect(result).toEqual(expected);
		expect(await storedPolicy()).toEqual(expected);
		expect(await getTenantPolicy(database.db, tenantId)).toEqual(expected);
		expect(await auditRows()).toEqual([
			{
				action: "tenant.policy_updated",
				actor_user_id: adminId,
				target_user_id: null,
				outcome: "success",
				ip: "203.0.113.7",
				user_agent: "vitest",
				occurred_at: clock.now(),
				details: {
					changes: {
						"password.minLength": { from: 15, to: 16 },
						"lockout.durationMinutes": { from: 30, to: 60 },
					},
				},
			},
		]);
	});

	it("keeps earlier changes when a later patch touches other fields", async () => {
		await update({ password: { minLength: 16 } });
		await update({ session: { idleMinutes: 10 } });
		const policy = await getTenantPolicy(database.db, tenantId);
		expect(policy.password.minLength).toBe(16);
		expect(policy.session.idleMinutes).toBe(10);
		expect(await auditRows()).toHaveLength(2);
	});

	it("validates the merged result: 12 characters and no expiry once MFA is required for all (A03, A09)", async () => {
		const result = await update({ mfa: { required: "all" }, password: { minLength: 12, maxAgeDays: null } });
		expect(result.password).toMatchObject({ minLength: 12, maxAgeDays: null });
		expect(result.mfa.required).toBe("all");
		const [row] = await auditRows();
		expect(row?.details).toEqual({
			changes: {
				"password.minLength": { from: 15, to: 12 },
				"password.maxAgeDays": { from: 90, to: null },
				"mfa.required": { from: "admins", to: "all" },
			},
		});
	});

	it("refuses to relax MFA while the policy depends on it", async () => {
		await update({ mfa: { required: "all" }, password: { minLength: 12 } });
		const before = await storedPolicy();
		const error = await update({ mfa: { required: "admins" } }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fieldErrors).toEqual({
			"password.minLength": ["Must be at least 15 unless MFA is required for all users"],
		});
		expect(await storedPolicy()).toEqual(before);
		expect(await auditRows()).toHaveLength(1);
	});

	it.each([
		["a rule broken by the merge (A03)", { password: { minLength: 12 } }, ["password.minLength"]],
		["expiry off without MFA for all (A09)", { password: { maxAgeDays: null } }, ["password.maxAgeDays"]],
		["an out-of-bounds value (A12)", { lockout: { threshold: 11 } }, ["lockout.threshold"]],
		["an unknown field (I01)", { password: { minLength: 16, hint: "x" } }, ["password"]],
		["an unknown section (I01)", { passwordHints: {} }, ["policy"]],
		["email for admins (M13)", { mfa: { adminAllowedMethods: ["email"] } }, ["mfa.adminAllowedMethods.0"]],
	])("an invalid patch changes nothing: %s", async (_name, patch, fields) => {
		const error = await update(patch as TTenantPolicyInput).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(fields);
		expect(await storedPolicy()).toEqual({});
		expect(await auditRows()).toEqual([]);
	});

	it("a patch that changes nothing writes nothing", async () => {
		await update({
			password: { minLength: 15 },
			mfa: { allowedMethods: [...DEFAULT_TENANT_POLICY.mfa.allowedMethods] },
		});
		expect(await storedPolicy()).toEqual({});
		expect(await auditRows()).toEqual([]);
	});

	it("concurrent patches to different fields both survive (the row is locked)", async () => {
		await Promise.all([update({ password: { minLength: 20 } }), update({ lockout: { threshold: 5 } })]);
		const policy = await getTenantPolicy(database.db, tenantId);
		expect(policy.password.minLength).toBe(20);
		expect(policy.lockout.threshold).toBe(5);
		expect(await auditRows()).toHaveLength(2);
	});

	it("an unknown tenant is refused", async () => {
		await expect(
			updateTenantPolicy(database.db, clock, "00000000-0000-4000-8000-000000000000", {}, adminId, META),
		).rejects.toBeInstanceOf(TenantNotFoundError);
	});

	it("the stored row is plain jsonb the database can query", async () => {
		await update({ password: { minLength: 17 } });
		const row = await sql<{
			min: number;
		}>`select (policy->'password'->>'minLength')::int as min from tenants where id = ${tenantId}`.execute(database.db);
		expect(row.rows).toEqual([{ min: 17 }]);
	});
});
