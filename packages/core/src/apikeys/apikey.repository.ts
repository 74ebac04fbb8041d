import { prepareBatchedJsonRowQuery } from "@tessera/db/json-row";
import type { ContextType, DB } from "@tessera/db/schema";
import { type ExpressionBuilder, sql } from "kysely";
import type { ReadScope } from "../roles/read-scope";
import { selectGrantsOf } from "../roles/role.repository";
import type { Db, Tx } from "../shared/tx";
import { OWN_PROFILE_USER_COLUMNS, selectOwnRolesOf } from "../users/user.repository";

/** Columns a key exposes. `key_hash` is deliberately absent: it is read only by authentication. */
const API_KEY_COLUMNS = [
	"id",
	"tenant_id",
	"user_id",
	"name",
	"prefix",
	"created_by",
	"created_at",
	"expires_at",
	"last_used_at",
	"revoked_at",
] as const;

export interface ApiKeyRecord {
	id: string;
	tenant_id: string;
	user_id: string;
	name: string;
	prefix: string;
	created_by: string | null;
	created_at: Date;
	expires_at: Date | null;
	last_used_at: Date | null;
	revoked_at: Date | null;
}

export interface NewApplicationUser {
	tenantId: string;
	firstName: string;
	username: string | null;
	primaryAccountId: string | null;
	now: Date;
}

/** An application user: active at once, no email, no phone, no password (it never signs in). */
export async function insertApplicationUser(trx: Tx, user: NewApplicationUser): Promise<string> {
	const row = await trx
		.insertInto("users")
		.values({
			tenant_id: user.tenantId,
			user_type: "application",
			state: "active",
			email: null,
			first_name: user.firstName,
			last_name: null,
			username: user.username,
			primary_account_id: user.primaryAccountId,
			created_at: user.now,
			updated_at: user.now,
		})
		.returning("id")
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function findPermissionsOfRole(db: Db | Tx, roleId: string): Promise<string[]> {
	const rows = await db.selectFrom("role_permissions").select("permission").where("role_id", "=", roleId).execute();
	return rows.map((row) => row.permission);
}

/**
 * Inserts a key unless its prefix or hash is already taken (then undefined: the caller draws a
 * new key). `on conflict do nothing` keeps the surrounding transaction usable after a collision.
 */
export function insertApiKey(
	trx: Tx,
	key: {
		tenantId: string;
		userId: string;
		name: string;
		prefix: string;
		keyHash: string;
		createdBy: string;
		now: Date;
		expiresAt: Date | null;
	},
): Promise<ApiKeyRecord | undefined> {
	return trx
		.insertInto("api_keys")
		.values({
			tenant_id: key.tenantId,
			user_id: key.userId,
			name: key.name,
			prefix: key.prefix,
			key_hash: key.keyHash,
			created_by: key.createdBy,
			created_at: key.now,
			expires_at: key.expiresAt,
		})
		.onConflict((oc) => oc.doNothing())
		.returning(API_KEY_COLUMNS)
		.executeTakeFirst();
}

export function findApiKeysOfUser(db: Db | Tx, tenantId: string, userId: string): Promise<ApiKeyRecord[]> {
	return db
		.selectFrom("api_keys")
		.select(API_KEY_COLUMNS)
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.orderBy("created_at", "desc")
		.orderBy("id", "desc")
		.execute();
}

export async function countLiveApiKeysOfUser(trx: Tx, tenantId: string, userId: string, now: Date): Promise<number> {
	const row = await trx
		.selectFrom("api_keys")
		.select((eb) => eb.fn.countAll<string | number>().as("count"))
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where(liveKey(now))
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export function lockApiKeyById(trx: Tx, tenantId: string, keyId: string): Promise<ApiKeyRecord | undefined> {
	return trx
		.selectFrom("api_keys")
		.select(API_KEY_COLUMNS)
		.where("tenant_id", "=", tenantId)
		.where("id", "=", keyId)
		.forUpdate()
		.executeTakeFirst();
}

export function revokeApiKeyById(
	trx: Tx,
	tenantId: string,
	keyId: string,
	now: Date,
): Promise<ApiKeyRecord | undefined> {
	return trx
		.updateTable("api_keys")
		.set({ revoked_at: now })
		.where("tenant_id", "=", tenantId)
		.where("id", "=", keyId)
		.where("revoked_at", "is", null)
		.returning(API_KEY_COLUMNS)
		.executeTakeFirst();
}

/** What deciding on a key needs: its limits and the state and type of its user. */
const API_KEY_CHECK_COLUMNS = [
	"api_keys.id",
	"api_keys.tenant_id",
	"api_keys.user_id",
	"api_keys.expires_at",
	"api_keys.revoked_at",
	"api_keys.last_used_at",
	"users.state",
	"users.user_type",
] as const;

function keyWithUser(db: Db) {
	return db
		.selectFrom("api_keys")
		.innerJoin("users", (join) =>
			join.onRef("users.id", "=", "api_keys.user_id").onRef("users.tenant_id", "=", "api_keys.tenant_id"),
		);
}

/**
 * The one query every key-authenticated request runs: the key by the hash of the whole
 * presented key (unique index), with the few user columns that decide whether it may act and the
 * user's grants. Compiled once (it runs on every key-authenticated request).
 */
const apiKeyByHash = prepareBatchedJsonRowQuery(
	(db, keyHash) =>
		keyWithUser(db)
			.select(API_KEY_CHECK_COLUMNS)
			// The key user's grants, read with the key as a session lookup reads them (one round trip).
			.select((eb) => selectGrantsOf(db, eb.ref("api_keys.tenant_id"), eb.ref("api_keys.user_id")).as("grants"))
			.where("api_keys.key_hash", "=", keyHash),
	{ expires_at: true, revoked_at: true, last_used_at: true },
);

export function findApiKeyByHash(db: Db, keyHash: string) {
	return apiKeyByHash.load(db, keyHash);
}

/** The user columns of the key user's own profile that the key check does not already read. */
const PROFILE_ONLY_USER_COLUMNS = OWN_PROFILE_USER_COLUMNS.filter(
	(column): column is Exclude<(typeof OWN_PROFILE_USER_COLUMNS)[number], "state" | "user_type"> =>
		column !== "state" && column !== "user_type",
);

/**
 * The key lookup and its user's own profile in one round trip, for `me.get` by an internal app:
 * the same row as `findApiKeyByHash` plus the profile's columns, read as one JSON value. Whether
 * the key counts is still decided on the row.
 */
const apiKeyWithOwnProfileByHash = prepareBatchedJsonRowQuery(
	(db, keyHash) =>
		keyWithUser(db)
			.innerJoin("tenants", "tenants.id", "api_keys.tenant_id")
			.select(API_KEY_CHECK_COLUMNS)
			.select(PROFILE_ONLY_USER_COLUMNS.map((column) => `users.${column}` as const))
			.select((eb) => [
				"tenants.slug as tenant_slug",
				"tenants.name as tenant_name",
				selectGrantsOf(db, eb.ref("api_keys.tenant_id"), eb.ref("api_keys.user_id")).as("grants"),
				selectOwnRolesOf(db, eb.ref("api_keys.tenant_id"), eb.ref("api_keys.user_id")).as("roles"),
			])
			.where("api_keys.key_hash", "=", keyHash),
	{
		expires_at: true,
		revoked_at: true,
		last_used_at: true,
		planned_purge_at: true,
		created_at: true,
		updated_at: true,
		last_sign_in_at: true,
		password_changed_at: true,
	},
);

export function findApiKeyWithOwnProfileByHash(db: Db, keyHash: string) {
	return apiKeyWithOwnProfileByHash.load(db, keyHash);
}

/**
 * Records use, at most once per `interval`: the condition makes concurrent requests write once,
 * and a busy key costs no write per request.
 */
export async function touchApiKey(db: Db, keyId: string, now: Date, interval: number): Promise<void> {
	await db
		.updateTable("api_keys")
		.set({ last_used_at: now })
		.where("id", "=", keyId)
		.where((eb) =>
			eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<=", new Date(now.getTime() - interval))]),
		)
		.execute();
}

export function liveKey(now: Date) {
	return (eb: ExpressionBuilder<DB, "api_keys">) =>
		eb.and([
			eb("api_keys.revoked_at", "is", null),
			eb.or([eb("api_keys.expires_at", "is", null), eb("api_keys.expires_at", ">", now)]),
		]);
}

/** One page of application users inside `scope`, newest first, with their count of live keys. */
export function findApplicationUserPage(
	db: Db,
	tenantId: string,
	scope: ReadScope,
	now: Date,
	after: { createdAt: Date; id: string } | null,
	limit: number,
) {
	let query = db
		.selectFrom("users")
		.select((eb) => [
			"users.id",
			"users.first_name",
			"users.username",
			"users.state",
			"users.primary_account_id",
			"users.created_at",
			"users.version",
			eb
				.selectFrom("api_keys")
				.select((inner) => inner.fn.countAll<string | number>().as("count"))
				.whereRef("api_keys.user_id", "=", "users.id")
				.where("api_keys.tenant_id", "=", tenantId)
				.where(liveKey(now))
				.as("live_key_count"),
		])
		.where("users.tenant_id", "=", tenantId)
		.where("users.user_type", "=", "application");
	if (!scope.all) {
		query =
			scope.accountIds.length > 0
				? query.where("users.primary_account_id", "in", scope.accountIds)
				: query.where(sql.lit(false), "=", true);
	}
	if (after) {
		query = query.where((eb) =>
			eb(eb.refTuple("users.created_at", "users.id"), "<", eb.tuple(after.createdAt, after.id)),
		);
	}
	return query
		.orderBy("users.created_at", "desc")
		.orderBy("users.id", "desc")
		.limit(limit + 1)
		.execute();
}

/** The roles of several users, as (roleKey, context) per user id. */
export async function findRolesOfUsers(db: Db | Tx, tenantId: string, userIds: string[]) {
	const roles = new Map<string, { roleKey: string; contextType: ContextType; contextId: string }[]>();
	if (userIds.length === 0) return roles;
	const rows = await db
		.selectFrom("role_assignments as ra")
		.innerJoin("roles as r", "r.id", "ra.role_id")
		.select(["ra.user_id", "r.key", "ra.context_type", "ra.context_id"])
		.where("ra.tenant_id", "=", tenantId)
		.where("ra.user_id", "in", userIds)
		.orderBy("r.key")
		.execute();
	for (const row of rows) {
		const list = roles.get(row.user_id) ?? [];
		list.push({ roleKey: row.key, contextType: row.context_type, contextId: row.context_id });
		roles.set(row.user_id, list);
	}
	return roles;
}
