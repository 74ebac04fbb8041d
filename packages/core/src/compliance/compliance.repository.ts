import type { TwoFactorType } from "@tessera/db/schema";
import { sql } from "kysely";
import { liveKey } from "../apikeys/apikey.repository";
import { lastActivity } from "../jobs/dormancy.repository";
import { ENROLLED_METHODS } from "../mfa/mfa.repository";
import type { Db } from "../shared/tx";

/**
 * The compliance report's queries. Each finding is one query over one tenant, returning its first
 * `limit` rows in a stable order and, from the same scan, how many there are in all (`total`,
 * a window count), so a report of a large tenant stays bounded and still says how much it left out.
 * Every query is filtered by `tenant_id` first: no finding ever reaches into another tenant.
 */

const PERSON_COLUMNS = ["u.id as user_id", "u.email", "u.first_name", "u.last_name"] as const;
const total = sql<string>`count(*) over ()`.as("total");

/**
 * Holders of a role that needs MFA (`roleKeys`) who have set up none of `methods`, the methods
 * that count for those roles under the policy (never email, M13). Deleted and deleting accounts
 * are left out; inactive ones stay, as reactivating them restores the gap.
 */
export function findAdminsWithoutMfa(
	db: Db,
	tenantId: string,
	roleKeys: readonly string[],
	methods: readonly TwoFactorType[],
	limit: number,
) {
	const held = sql<string[]>`array(select distinct r.key from role_assignments ra join roles r on r.id = ra.role_id
		where ra.tenant_id = u.tenant_id and ra.user_id = u.id and r.key = any(${sql.val(roleKeys)}::text[]) order by r.key)`;
	return db
		.selectFrom("users as u")
		.select([...PERSON_COLUMNS, "u.last_sign_in_at", held.as("role_keys"), total])
		.where("u.tenant_id", "=", tenantId)
		.where("u.state", "in", ["create", "active", "inactive"])
		.where(sql<boolean>`cardinality(${held}) > 0`)
		.where(sql<boolean>`not (${ENROLLED_METHODS} && ${sql.val(methods)}::text[])`)
		.orderBy("u.sort_email")
		.orderBy("u.id")
		.limit(limit)
		.execute();
}

/**
 * People whose password expires (expired: at or before `now`) within the window, as sign-in
 * decides it: from the last change, else from when the password was set (login-flow.service.ts
 * `passwordExpired`). Soonest first.
 */
export function findPasswordsExpiringBy(
	db: Db,
	tenantId: string,
	window: { maxAgeDays: number; expiresAfter: Date | null; expiresBy: Date },
	limit: number,
) {
	const expiresAt = sql<Date>`coalesce(u.password_changed_at, pc.created_at) + make_interval(days => ${window.maxAgeDays})`;
	let query = db
		.selectFrom("users as u")
		.innerJoin("password_credentials as pc", (join) =>
			join.onRef("pc.user_id", "=", "u.id").onRef("pc.tenant_id", "=", "u.tenant_id"),
		)
		.select([...PERSON_COLUMNS, "u.password_changed_at", expiresAt.as("expires_at"), total])
		.where("u.tenant_id", "=", tenantId)
		.where("u.state", "=", "active")
		.where(sql<boolean>`${expiresAt} <= ${window.expiresBy}`);
	if (window.expiresAfter) query = query.where(sql<boolean>`${expiresAt} > ${window.expiresAfter}`);
	return query.orderBy(expiresAt).orderBy("u.id").limit(limit).execute();
}

/**
 * Active people unused since before `unusedSince`, by the dormancy job's own measure of use
 * (`lastActivity`), so the report and the deactivation never disagree. Longest unused first.
 */
export function findDormantPeople(db: Db, tenantId: string, unusedSince: Date, limit: number) {
	return db
		.selectFrom("users as u")
		.select([...PERSON_COLUMNS, "u.last_sign_in_at", lastActivity.as("last_activity_at"), total])
		.where("u.tenant_id", "=", tenantId)
		.where("u.state", "=", "active")
		.where("u.user_type", "=", "human")
		.where(sql<boolean>`${lastActivity} < ${unusedSince}`)
		.orderBy(lastActivity)
		.orderBy("u.id")
		.limit(limit)
		.execute();
}

/**
 * Live API keys (not revoked, not expired) that never expire, or (`unusedSince`) that have not
 * been used since then (a key never used counts from its creation). Oldest first.
 */
export function findLiveKeys(
	db: Db,
	tenantId: string,
	filter: { withoutExpiry: true } | { unusedSince: Date },
	now: Date,
	limit: number,
) {
	let query = db
		.selectFrom("api_keys")
		.innerJoin("users as u", (join) =>
			join.onRef("u.id", "=", "api_keys.user_id").onRef("u.tenant_id", "=", "api_keys.tenant_id"),
		)
		.select([
			"api_keys.id as key_id",
			"api_keys.name",
			"api_keys.prefix",
			"api_keys.created_at",
			"api_keys.expires_at",
			"api_keys.last_used_at",
			"u.id as user_id",
			"u.first_name as owner_name",
			total,
		])
		.where("api_keys.tenant_id", "=", tenantId)
		.where(liveKey(now));
	query =
		"withoutExpiry" in filter
			? query.where("api_keys.expires_at", "is", null)
			: query.where(sql<boolean>`coalesce(api_keys.last_used_at, api_keys.created_at) < ${filter.unusedSince}`);
	return query.orderBy("api_keys.created_at").orderBy("api_keys.id").limit(limit).execute();
}

/**
 * People with at least `atLeast` failed credential checks (the audit's failure outcome of
 * `actions`) since `since`, most failures first. Reads the audit log by its (tenant, time) index.
 */
export function findRepeatedFailures(
	db: Db,
	tenantId: string,
	window: { actions: readonly string[]; since: Date; atLeast: number },
	limit: number,
) {
	return db
		.selectFrom("audit_events as e")
		.innerJoin("users as u", (join) =>
			join.onRef("u.id", "=", "e.target_user_id").onRef("u.tenant_id", "=", "e.tenant_id"),
		)
		.select([
			...PERSON_COLUMNS,
			sql<number>`count(*)::int`.as("failures"),
			sql<Date>`max(e.occurred_at)`.as("last_failure_at"),
			total,
		])
		.where("e.tenant_id", "=", tenantId)
		.where("e.occurred_at", ">=", window.since)
		.where("e.outcome", "=", "failure")
		.where("e.action", "in", [...window.actions])
		.groupBy(["u.id", "u.email", "u.first_name", "u.last_name"])
		.having(sql<boolean>`count(*) >= ${window.atLeast}`)
		.orderBy(sql`count(*)`, "desc")
		.orderBy("u.id")
		.limit(limit)
		.execute();
}
