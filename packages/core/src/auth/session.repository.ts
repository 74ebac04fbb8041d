import { prepareBatchedJsonRowQuery } from "@tessera/db/json-row";
import { prepareQuery } from "@tessera/db/prepared-query";
import type { AuthMethod } from "@tessera/db/schema";
import { sql } from "kysely";
import { selectGrantsOf } from "../roles/role.repository";
import type { Db, Tx } from "../shared/tx";
import { OWN_PROFILE_USER_COLUMNS, selectOwnRolesOf } from "../users/user.repository";

export interface NewSession {
	tenantId: string;
	userId: string;
	tokenHash: string;
	now: Date;
	expiresAt: Date;
	ip: string | null;
	userAgent: string | null;
	/** The factors the user proved to get this session. */
	amr: AuthMethod[];
	/** The tenant policy's idle limit at the time. */
	idleMinutes: number;
}

export async function insertSession(db: Db | Tx, session: NewSession): Promise<string> {
	const row = await db
		.insertInto("sessions")
		.values({
			tenant_id: session.tenantId,
			user_id: session.userId,
			token_hash: session.tokenHash,
			created_at: session.now,
			last_seen_at: session.now,
			authenticated_at: session.now,
			amr: session.amr,
			expires_at: session.expiresAt,
			idle_minutes: session.idleMinutes,
			ip: session.ip,
			user_agent: session.userAgent,
		})
		.returning("id")
		.executeTakeFirstOrThrow();
	return row.id;
}

/** What deciding on a session needs: the session's limits and the user's state and obligations. */
const SESSION_CHECK_COLUMNS = [
	"sessions.id",
	"sessions.tenant_id",
	"sessions.user_id",
	"sessions.last_seen_at",
	"sessions.expires_at",
	"sessions.idle_minutes",
	"sessions.revoked_at",
	"sessions.authenticated_at",
	"users.state",
	"users.required_actions",
] as const;

/**
 * The one query every authenticated request runs: the session by token hash, joined with the
 * few user columns that decide whether the user may still act, and the user's grants (what their
 * role assignments permit, where), so a permission check costs no second round trip. Indexed on
 * token_hash (unique). Compiled once (it runs on every request); only the hash is bound per call.
 */
const sessionByTokenHash = prepareBatchedJsonRowQuery(
	(db, tokenHash) =>
		db
			.selectFrom("sessions")
			.innerJoin("users", "users.id", "sessions.user_id")
			.select(SESSION_CHECK_COLUMNS)
			.select((eb) => selectGrantsOf(db, eb.ref("sessions.tenant_id"), eb.ref("sessions.user_id")).as("grants"))
			.where("sessions.token_hash", "=", tokenHash),
	{ last_seen_at: true, expires_at: true, revoked_at: true, authenticated_at: true },
);

export function findSessionByTokenHash(db: Db, tokenHash: string) {
	return sessionByTokenHash.load(db, tokenHash);
}

/** The profile's user columns that the session check does not already read. */
const PROFILE_ONLY_USER_COLUMNS = OWN_PROFILE_USER_COLUMNS.filter(
	(column): column is Exclude<(typeof OWN_PROFILE_USER_COLUMNS)[number], "state" | "required_actions"> =>
		column !== "state" && column !== "required_actions",
);

/**
 * The session lookup and the user's own profile (the user row, the tenant's slug and name, the
 * role assignments) in one round trip, for `me.get`, which every portal page load calls: the same
 * row as `findSessionByTokenHash` plus the profile's columns, thirty-odd of them, read as one JSON
 * value. Whether the session counts is still decided on the row, as for every request; the
 * profile is read at the same moment.
 */
const sessionWithOwnProfileByTokenHash = prepareBatchedJsonRowQuery(
	(db, tokenHash) =>
		db
			.selectFrom("sessions")
			.innerJoin("users", "users.id", "sessions.user_id")
			.innerJoin("tenants", "tenants.id", "sessions.tenant_id")
			.select(SESSION_CHECK_COLUMNS)
			.select(PROFILE_ONLY_USER_COLUMNS.map((column) => `users.${column}` as const))
			.select((eb) => [
				"tenants.slug as tenant_slug",
				"tenants.name as tenant_name",
				selectGrantsOf(db, eb.ref("sessions.tenant_id"), eb.ref("sessions.user_id")).as("grants"),
				selectOwnRolesOf(db, eb.ref("sessions.tenant_id"), eb.ref("sessions.user_id")).as("roles"),
			])
			.where("sessions.token_hash", "=", tokenHash),
	{
		last_seen_at: true,
		expires_at: true,
		revoked_at: true,
		authenticated_at: true,
		planned_purge_at: true,
		created_at: true,
		updated_at: true,
		last_sign_in_at: true,
		password_changed_at: true,
	},
);

export function findSessionWithOwnProfileByTokenHash(db: Db, tokenHash: string) {
	return sessionWithOwnProfileByTokenHash.load(db, tokenHash);
}

const touchSessionById = prepareQuery((db, $: { sessionId: string; now: Date }) =>
	db.updateTable("sessions").set({ last_seen_at: $.now }).where("id", "=", $.sessionId),
);

export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
	await touchSessionById.execute(db, { sessionId, now });
}

export async function revokeSessionById(db: Db | Tx, tenantId: string, sessionId: string, now: Date): Promise<void> {
	await db
		.updateTable("sessions")
		.set({ revoked_at: now })
		.where("tenant_id", "=", tenantId)
		.where("id", "=", sessionId)
		.where("revoked_at", "is", null)
		.execute();
}

/** Ends every live session of a user (state change, password change, admin action). */
export async function revokeSessionsOfUser(db: Db | Tx, tenantId: string, userId: string, now: Date): Promise<number> {
	const result = await db
		.updateTable("sessions")
		.set({ revoked_at: now })
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("revoked_at", "is", null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Ends every live session of a user except `keepSessionId` (password change: SECURITY A19). */
export async function revokeOtherSessions(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	keepSessionId: string | null,
	now: Date,
): Promise<number> {
	let query = db
		.updateTable("sessions")
		.set({ revoked_at: now })
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("revoked_at", "is", null);
	if (keepSessionId) query = query.where("id", "!=", keepSessionId);
	const result = await query.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** `last_seen_at` within the session's own idle limit: the SQL form of "not idle-expired". */
const notIdleAt = (now: Date) =>
	sql<boolean>`sessions.last_seen_at > ${now}::timestamptz - make_interval(mins => sessions.idle_minutes)`;

/**
 * The user's live sessions (not revoked, not expired, not idle beyond their limit), most
 * recently seen first.
 */
export function listLiveSessionsOfUser(db: Db | Tx, tenantId: string, userId: string, now: Date) {
	return db
		.selectFrom("sessions")
		.select(["id", "created_at", "last_seen_at", "authenticated_at", "expires_at", "ip", "user_agent", "amr"])
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("revoked_at", "is", null)
		.where("expires_at", ">", now)
		.where(notIdleAt(now))
		.orderBy("last_seen_at", "desc")
		.execute();
}

/**
 * Applies a tenant's new session limits to its live sessions: the new idle limit, and an end no
 * later than start + the new absolute lifetime (a longer lifetime never extends a session).
 */
export async function applySessionLimits(
	db: Db | Tx,
	tenantId: string,
	limits: { idleMinutes: number; absoluteMs: number },
	now: Date,
): Promise<number> {
	const result = await db
		.updateTable("sessions")
		.set({
			idle_minutes: limits.idleMinutes,
			expires_at: sql`least(expires_at, created_at + make_interval(secs => ${limits.absoluteMs / 1000}))`,
		})
		.where("tenant_id", "=", tenantId)
		.where("revoked_at", "is", null)
		.where("expires_at", ">", now)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Step-up: a new token for the same session, and a new authentication time (SECURITY S02, S09). */
export async function rotateSessionToken(
	db: Db | Tx,
	sessionId: string,
	tokenHash: string,
	now: Date,
	addedMethod: AuthMethod,
): Promise<Date | null> {
	const row = await db
		.updateTable("sessions")
		.set({
			token_hash: tokenHash,
			authenticated_at: now,
			last_seen_at: now,
			amr: sql`(select array(select distinct unnest(amr || ${[addedMethod]}::text[])))`,
		})
		.where("id", "=", sessionId)
		.where("revoked_at", "is", null)
		.returning("expires_at")
		.executeTakeFirst();
	return row?.expires_at ?? null;
}

/** Ends the oldest live sessions beyond the newest `keep` (concurrent-session cap: ASVS 7.1.2). */
export async function revokeSessionsBeyond(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	keep: number,
	now: Date,
): Promise<number> {
	const result = await db
		.updateTable("sessions")
		.set({ revoked_at: now })
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("revoked_at", "is", null)
		.where("id", "not in", (eb) =>
			eb
				.selectFrom("sessions")
				.select("id")
				.where("tenant_id", "=", tenantId)
				.where("user_id", "=", userId)
				.where("revoked_at", "is", null)
				.orderBy("created_at", "desc")
				.orderBy("id", "desc")
				.limit(keep),
		)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** The id of a session of this user in this tenant, or undefined (someone else's is unknown). */
export function findOwnSessionId(db: Db | Tx, tenantId: string, userId: string, sessionId: string) {
	return db
		.selectFrom("sessions")
		.select("id")
		.where("id", "=", sessionId)
		.where("user_id", "=", userId)
		.where("tenant_id", "=", tenantId)
		.executeTakeFirst();
}
