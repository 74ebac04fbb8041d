/**
 * Authenticating a request by API key, and accounting for the ones that fail.
 */
import type { UserState, UserType } from "@tessera/db/schema";
import type { Grant, SessionActor } from "../shared/actor";
import { type Clock, MINUTE } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import type { OwnProfile } from "../users/user";
import { ownProfileOf } from "../users/user.service";
import { canAct } from "../users/user-state";
import { findApiKeyByHash, findApiKeyWithOwnProfileByHash, touchApiKey } from "./apikey.repository";
import { hashApiKey, parseApiKey } from "./apikey.token";

/** last_used_at is written at most this often, so a busy key is not a write per request. */
export const API_KEY_TOUCH_INTERVAL_MS = MINUTE;

/** The prefix of the synthetic session id a key caller carries (never a session row's uuid). */
export const API_KEY_SESSION_PREFIX = "apikey:";

export type ApiKeyFailureReason =
	| "malformed"
	| "unknown"
	| "revoked"
	| "expired"
	| "user_cannot_act"
	| "not_application_user";

export type ApiKeyAuthentication =
	| { ok: true; actor: SessionActor; apiKeyId: string }
	| {
			ok: false;
			reason: ApiKeyFailureReason;
			/** Known only once a stored key matched; never derived from what the caller sent. */
			tenantId: string | null;
			apiKeyId: string | null;
	  };

/**
 * Turns a presented key into an actor for the tenant of the key's user, or says why not. The key
 * is looked up by the SHA-256 of the whole key, so the comparison never runs on the secret and
 * its timing reveals nothing about stored keys. Refuses revoked and expired keys and keys of users
 * who are not active application users, checked on every request so revocation, expiry and
 * deactivation apply to the very next call. The actor carries the grants the lookup read with the
 * key, exactly as a session's actor does, so a revoked role stops the very next call.
 *
 * The actor is a `SessionActor` of kind "api_key":
 * - `sessionId` is `apikey:<key id>`: a string like every session id, so no consumer changes
 *   type, but never a uuid, so it matches no session row and would fail loudly in a sessions query;
 * - `authenticatedAt` is the epoch: a key proves possession, not a person's recent sign-in, so
 *   every re-authentication check fails closed;
 * - `requiredActions` is empty: they are steps for people at sign-in (passwords, MFA, passkeys).
 */
export async function authenticateApiKey(
	deps: Pick<CoreDeps, "db" | "clock">,
	presented: string,
): Promise<ApiKeyAuthentication> {
	// A key of the wrong shape cannot be ours; skip the query.
	if (!parseApiKey(presented)) return MALFORMED_KEY;
	const key = await findApiKeyByHash(deps.db, hashApiKey(presented));
	return key ? decideOnKey(deps, key) : UNKNOWN;
}

/**
 * `authenticateApiKey`, also reading the key user's own profile in the same round trip (`me.get`
 * by an internal app): the same decision on the same row, and the profile read at that moment.
 */
export async function authenticateApiKeyWithOwnProfile(
	deps: Pick<CoreDeps, "db" | "clock">,
	presented: string,
): Promise<ApiKeyAuthenticationWithOwnProfile> {
	if (!parseApiKey(presented)) return MALFORMED_KEY;
	const row = await findApiKeyWithOwnProfileByHash(deps.db, hashApiKey(presented));
	if (!row) return UNKNOWN;
	const result = await decideOnKey(deps, row);
	if (!result.ok) return result;
	// The row's `id` is the key's; the profile is its user's.
	return { ...result, ownProfile: ownProfileOf(result.actor, { ...row, id: row.user_id }) };
}

export type ApiKeyAuthenticationWithOwnProfile =
	| Exclude<ApiKeyAuthentication, { ok: true }>
	| (Extract<ApiKeyAuthentication, { ok: true }> & { ownProfile: OwnProfile });

/** A credential that cannot be a key of ours (wrong shape, or not `Bearer <key>`): no query is spent. */
export const MALFORMED_KEY = { ok: false, reason: "malformed", tenantId: null, apiKeyId: null } as const;
const UNKNOWN = { ok: false, reason: "unknown", tenantId: null, apiKeyId: null } as const;

/** What deciding on a key reads (`findApiKeyByHash` and its profile-reading twin). */
interface KeyCheckRow {
	id: string;
	tenant_id: string;
	user_id: string;
	expires_at: Date | null;
	revoked_at: Date | null;
	last_used_at: Date | null;
	state: UserState;
	user_type: UserType;
	grants: Grant[];
}

/** The one decision on a key row (see `authenticateApiKey`); touches `last_used_at` at most once a minute. */
async function decideOnKey(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	key: KeyCheckRow,
): Promise<ApiKeyAuthentication> {
	const failure = (reason: ApiKeyFailureReason) =>
		({ ok: false, reason, tenantId: key.tenant_id, apiKeyId: key.id }) as const;
	const now = clock.now();
	if (key.revoked_at !== null) return failure("revoked");
	if (key.expires_at !== null && now.getTime() >= key.expires_at.getTime()) return failure("expired");
	// Defence in depth: keys are issued only to application users, but a key must never act as a person.
	if (key.user_type !== "application") return failure("not_application_user");
	if (!canAct(key.state)) return failure("user_cannot_act");
	if (key.last_used_at === null || now.getTime() - key.last_used_at.getTime() >= API_KEY_TOUCH_INTERVAL_MS) {
		await touchApiKey(db, key.id, now, API_KEY_TOUCH_INTERVAL_MS);
	}
	return {
		ok: true,
		apiKeyId: key.id,
		actor: {
			kind: "api_key",
			sessionId: `${API_KEY_SESSION_PREFIX}${key.id}`,
			tenantId: key.tenant_id,
			userId: key.user_id,
			authenticatedAt: new Date(0),
			requiredActions: [],
			grants: key.grants,
		},
	};
}

/** Pino-compatible (`logger.warn(fields, message)`), so Fastify's logger can be passed as is. */
export interface ApiKeyFailureLogger {
	warn(fields: Record<string, unknown>, message: string): void;
}

/**
 * Counts failed key authentications into log lines instead of audit rows: an audit row per
 * failed request would let anyone without a key make the database write at will (a DoS
 * amplifier), and so would a log line per request for the log pipeline. The first failure of a
 * kind logs at once; further ones within `windowMs` are counted and reported with the next line.
 * Counters are kept per tenant (failures of unknown keys have none), so no line mixes tenants,
 * and no line carries anything the caller sent.
 */
export class ApiKeyFailureCounter {
	readonly #buckets = new Map<string, { lastLoggedAt: number; suppressed: number; total: number }>();

	constructor(
		private readonly logger: ApiKeyFailureLogger,
		private readonly clock: Clock,
		private readonly windowMs: number = MINUTE,
	) {}

	record(failure: { reason: ApiKeyFailureReason; tenantId: string | null; ip: string | null }): void {
		const now = this.clock.now().getTime();
		const id = `${failure.tenantId ?? "-"}:${failure.reason}`;
		const bucket = this.#buckets.get(id) ?? { lastLoggedAt: Number.NEGATIVE_INFINITY, suppressed: 0, total: 0 };
		bucket.total += 1;
		if (now - bucket.lastLoggedAt < this.windowMs) {
			bucket.suppressed += 1;
			this.#buckets.set(id, bucket);
			return;
		}
		const count = bucket.suppressed + 1;
		bucket.lastLoggedAt = now;
		bucket.suppressed = 0;
		this.#buckets.set(id, bucket);
		this.logger.warn(
			{
				event: "apikey.authentication_failed",
				reason: failure.reason,
				tenantId: failure.tenantId,
				count,
				total: bucket.total,
				lastIp: failure.ip,
			},
			"API key authentication failed",
		);
	}
}
