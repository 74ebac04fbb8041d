/**
 * The only file that queries `passkeys` and `webauthn_challenges`. Every passkey query that a
 * user can reach is scoped by tenant_id AND user_id, so an id from another user or tenant
 * matches nothing.
 */
import type { PasskeyRow, WebauthnChallengeTable } from "@tessera/db/schema";
import type { Selectable } from "kysely";
import type { Db, Tx } from "../shared/tx";

export type WebAuthnCeremony = WebauthnChallengeTable["ceremony"];
export type WebAuthnChallengeRow = Selectable<WebauthnChallengeTable>;

export interface NewPasskey {
	tenantId: string;
	userId: string;
	credentialId: string;
	publicKey: string;
	counter: number;
	transports: string[];
	aaguid: string;
	name: string;
	deviceType: "singleDevice" | "multiDevice";
	backedUp: boolean;
	now: Date;
}

export async function insertPasskey(trx: Tx, passkey: NewPasskey): Promise<PasskeyRow> {
	return trx
		.insertInto("passkeys")
		.values({
			tenant_id: passkey.tenantId,
			user_id: passkey.userId,
			credential_id: passkey.credentialId,
			public_key: passkey.publicKey,
			counter: passkey.counter,
			transports: passkey.transports,
			aaguid: passkey.aaguid,
			name: passkey.name,
			device_type: passkey.deviceType,
			backed_up: passkey.backedUp,
			created_at: passkey.now,
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

/** The user's passkeys, newest first. */
export function listPasskeysOfUser(db: Db | Tx, tenantId: string, userId: string): Promise<PasskeyRow[]> {
	return db
		.selectFrom("passkeys")
		.selectAll()
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.orderBy("created_at", "desc")
		.orderBy("id", "desc")
		.execute();
}

/** The user's passkeys that can still sign in: flagged ones (possible clones) do not count. */
export async function countUsablePasskeysOfUser(db: Db | Tx, tenantId: string, userId: string): Promise<number> {
	const row = await db
		.selectFrom("passkeys")
		.select((eb) => eb.fn.countAll<string | number>().as("count"))
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("flagged_at", "is", null)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

/** Locks one of the user's passkeys for a read-modify-write in `trx`. */
export function lockPasskeyOfUser(
	trx: Tx,
	tenantId: string,
	userId: string,
	passkeyId: string,
): Promise<PasskeyRow | undefined> {
	return trx
		.selectFrom("passkeys")
		.selectAll()
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("id", "=", passkeyId)
		.forUpdate()
		.executeTakeFirst();
}

export function renamePasskeyOfUser(
	trx: Tx,
	tenantId: string,
	userId: string,
	passkeyId: string,
	name: string,
): Promise<PasskeyRow | undefined> {
	return trx
		.updateTable("passkeys")
		.set({ name })
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("id", "=", passkeyId)
		.returningAll()
		.executeTakeFirst();
}

export function deletePasskeyOfUser(
	trx: Tx,
	tenantId: string,
	userId: string,
	passkeyId: string,
): Promise<PasskeyRow | undefined> {
	return trx
		.deleteFrom("passkeys")
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("id", "=", passkeyId)
		.returningAll()
		.executeTakeFirst();
}

/**
 * A credential by its id within one tenant, whoever owns it. The caller must then check the
 * owner against the identified user (W05): this lookup alone proves nothing about ownership.
 */
export function findPasskeyByCredentialId(
	db: Db | Tx,
	tenantId: string,
	credentialId: string,
): Promise<PasskeyRow | undefined> {
	return db
		.selectFrom("passkeys")
		.selectAll()
		.where("tenant_id", "=", tenantId)
		.where("credential_id", "=", credentialId)
		.executeTakeFirst();
}

/**
 * Whether any user in any tenant registered this credential id (W06). Deliberately unscoped,
 * like the unique index it mirrors; it answers only yes or no.
 */
export async function isCredentialIdRegistered(db: Db | Tx, credentialId: string): Promise<boolean> {
	const row = await db.selectFrom("passkeys").select("id").where("credential_id", "=", credentialId).executeTakeFirst();
	return row !== undefined;
}

export interface PasskeyUse {
	tenantId: string;
	passkeyId: string;
	/** The counter read before verification; the update applies only if it is still stored. */
	expectedCounter: number;
	newCounter: number;
	backedUp: boolean;
	now: Date;
}

/**
 * Records a successful assertion with compare-and-set on the signature counter (W07): applies
 * only if the stored counter is still the one verification was based on and the credential was
 * not flagged meanwhile. False means a concurrent use won the race; the caller must refuse.
 */
export async function recordPasskeyUse(db: Db | Tx, use: PasskeyUse): Promise<boolean> {
	const row = await db
		.updateTable("passkeys")
		.set((eb) => ({
			counter: use.newCounter,
			backed_up: use.backedUp,
			last_used_at: use.now,
			use_count: eb("use_count", "+", 1),
		}))
		.where("tenant_id", "=", use.tenantId)
		.where("id", "=", use.passkeyId)
		.where("counter", "=", use.expectedCounter)
		.where("flagged_at", "is", null)
		.returning("id")
		.executeTakeFirst();
	return row !== undefined;
}

/** Marks a credential as possibly cloned (W07). Keeps the first flag time if already flagged. */
export async function flagPasskey(db: Db | Tx, tenantId: string, passkeyId: string, now: Date): Promise<void> {
	await db
		.updateTable("passkeys")
		.set({ flagged_at: now })
		.where("tenant_id", "=", tenantId)
		.where("id", "=", passkeyId)
		.where("flagged_at", "is", null)
		.execute();
}

/**
 * Who a challenge was issued to. Null columns are part of the binding: a challenge issued with no
 * login flow can only be consumed by a request that names no login flow, and so on (W02).
 */
export interface ChallengeBinding {
	tenantId: string;
	ceremony: WebAuthnCeremony;
	userId: string | null;
	loginFlowId: string | null;
	sessionId: string | null;
}

export async function insertWebAuthnChallenge(
	db: Db | Tx,
	challenge: ChallengeBinding & { challenge: string; now: Date; expiresAt: Date },
): Promise<void> {
	await db
		.insertInto("webauthn_challenges")
		.values({
			tenant_id: challenge.tenantId,
			challenge: challenge.challenge,
			ceremony: challenge.ceremony,
			user_id: challenge.userId,
			login_flow_id: challenge.loginFlowId,
			session_id: challenge.sessionId,
			created_at: challenge.now,
			expires_at: challenge.expiresAt,
		})
		.execute();
}

/**
 * Consumes a challenge in ONE statement: `DELETE … WHERE challenge AND tenant AND ceremony AND
 * binding RETURNING *`. The row is gone before any verification runs, so it is single use even
 * when verification then fails (W01), and it only matches the tenant, ceremony, user, login flow
 * and session it was issued for (W02). Expiry is the caller's check on the returned row.
 * Run it outside the verification's transaction so a rollback cannot resurrect the challenge.
 */
export function consumeWebAuthnChallenge(
	db: Db,
	challenge: string,
	binding: ChallengeBinding,
): Promise<WebAuthnChallengeRow | undefined> {
	return db
		.deleteFrom("webauthn_challenges")
		.where("challenge", "=", challenge)
		.where("tenant_id", "=", binding.tenantId)
		.where("ceremony", "=", binding.ceremony)
		.where((eb) =>
			eb.and([
				binding.userId === null ? eb("user_id", "is", null) : eb("user_id", "=", binding.userId),
				binding.loginFlowId === null ? eb("login_flow_id", "is", null) : eb("login_flow_id", "=", binding.loginFlowId),
				binding.sessionId === null ? eb("session_id", "is", null) : eb("session_id", "=", binding.sessionId),
			]),
		)
		.returningAll()
		.executeTakeFirst();
}

/** Deletes challenges whose time is up (a periodic clean-up; consumption checks expiry itself). */
export async function deleteExpiredWebAuthnChallenges(db: Db, now: Date): Promise<number> {
	const result = await db.deleteFrom("webauthn_challenges").where("expires_at", "<=", now).executeTakeFirst();
	return Number(result.numDeletedRows);
}
