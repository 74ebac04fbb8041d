import type { CodeChannel, CodePurpose, TwoFactorType } from "@tessera/db/schema";
import { sql } from "kysely";
import type { Db, Tx } from "../shared/tx";

// ---- State ----

/**
 * The second factors a user (the row `u` of `users`) has set up and could use now, strongest
 * first, as one SQL expression: a confirmed authenticator app, an unflagged passkey, SMS only to a
 * verified number (SECURITY M12), email only to a verified address. The one statement of what
 * "enrolled" means, for a single user's state and for reports over many.
 */
export const ENROLLED_METHODS = sql<TwoFactorType[]>`array_remove(array[
	case when exists (select 1 from passkeys p where p.user_id = u.id and p.flagged_at is null) then 'passkey' end,
	case when exists (select 1 from totp_credentials t where t.user_id = u.id and t.confirmed_at is not null) then 'totp' end,
	case when u.mfa_sms_enabled and u.phone is not null and u.phone_verified then 'sms' end,
	case when u.mfa_email_enabled and u.email is not null and u.email_verified then 'email' end
]::text[], null)`;

/**
 * What the MFA state is derived from (mfa-status.service.ts `loadMfaState`): the enrolled methods,
 * the preference, unused recovery codes and the role keys held anywhere.
 */
export function findMfaStateRow(db: Db | Tx, tenantId: string, userId: string) {
	return db
		.selectFrom("users as u")
		.select([
			"u.two_factor_type",
			ENROLLED_METHODS.as("enrolled"),
			sql<number>`(select count(*)::int from recovery_codes r where r.user_id = u.id and r.used_at is null)`.as(
				"recovery",
			),
			sql<
				string[]
			>`coalesce((select array_agg(distinct r.key) from role_assignments ra join roles r on r.id = ra.role_id where ra.user_id = u.id), '{}')`.as(
				"role_keys",
			),
		])
		.where("u.tenant_id", "=", tenantId)
		.where("u.id", "=", userId)
		.executeTakeFirstOrThrow();
}

// ---- TOTP ----

export function findTotpCredential(db: Db | Tx, tenantId: string, userId: string) {
	return db
		.selectFrom("totp_credentials")
		.select(["secret_ciphertext", "confirmed_at", "last_used_step"])
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.executeTakeFirst();
}

export async function upsertPendingTotp(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	secretCiphertext: string,
	now: Date,
) {
	await db
		.insertInto("totp_credentials")
		.values({ tenant_id: tenantId, user_id: userId, secret_ciphertext: secretCiphertext, created_at: now })
		.onConflict((oc) =>
			oc
				.column("user_id")
				.doUpdateSet({ secret_ciphertext: secretCiphertext, created_at: now, confirmed_at: null, last_used_step: null })
				.where("totp_credentials.confirmed_at", "is", null),
		)
		.execute();
}

/**
 * Records `step` as used, only if it is newer than every step used before. Concurrent
 * submissions of one code race on this single statement: exactly one wins (SECURITY M03).
 */
export async function claimTotpStep(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	step: number,
	confirmAt: Date | null,
): Promise<boolean> {
	const row = await db
		.updateTable("totp_credentials")
		.set({ last_used_step: step, ...(confirmAt ? { confirmed_at: confirmAt } : {}) })
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
		.where("confirmed_at", confirmAt ? "is" : "is not", null)
		.returning("user_id")
		.executeTakeFirst();
	return row !== undefined;
}

export async function deleteTotpCredential(db: Db | Tx, tenantId: string, userId: string): Promise<boolean> {
	const result = await db
		.deleteFrom("totp_credentials")
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}

// ---- Recovery codes ----

export async function replaceRecoveryCodes(db: Db | Tx, tenantId: string, userId: string, hashes: string[], now: Date) {
	await db.deleteFrom("recovery_codes").where("tenant_id", "=", tenantId).where("user_id", "=", userId).execute();
	if (hashes.length === 0) return;
	await db
		.insertInto("recovery_codes")
		.values(hashes.map((code_hash) => ({ tenant_id: tenantId, user_id: userId, code_hash, created_at: now })))
		.execute();
}

export function findUnusedRecoveryCodes(db: Db | Tx, tenantId: string, userId: string) {
	return db
		.selectFrom("recovery_codes")
		.select(["id", "code_hash"])
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("used_at", "is", null)
		.execute();
}

/** Marks one code used if nobody else did first (SECURITY M15: 30 parallel uses → exactly one). */
export async function claimRecoveryCode(db: Db | Tx, id: string, now: Date): Promise<boolean> {
	const row = await db
		.updateTable("recovery_codes")
		.set({ used_at: now })
		.where("id", "=", id)
		.where("used_at", "is", null)
		.returning("id")
		.executeTakeFirst();
	return row !== undefined;
}

export async function countUnusedRecoveryCodes(db: Db | Tx, tenantId: string, userId: string): Promise<number> {
	const row = await db
		.selectFrom("recovery_codes")
		.select((eb) => eb.fn.countAll<number>().as("n"))
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("used_at", "is", null)
		.executeTakeFirstOrThrow();
	return row.n;
}

// ---- One-time codes (SMS, email) ----

export interface CodeBinding {
	tenantId: string;
	userId: string;
	purpose: CodePurpose;
	/** Sign-in codes belong to one login flow; re-authentication codes to one session. */
	loginFlowId?: string | null;
	sessionId?: string | null;
}

export function findLatestOpenCode(db: Db | Tx, binding: CodeBinding) {
	let query = db
		.selectFrom("one_time_codes")
		.select(["id", "code_hash", "attempts", "expires_at", "destination", "channel", "created_at"])
		.where("tenant_id", "=", binding.tenantId)
		.where("user_id", "=", binding.userId)
		.where("purpose", "=", binding.purpose)
		.where("consumed_at", "is", null);
	query = binding.loginFlowId
		? query.where("login_flow_id", "=", binding.loginFlowId)
		: query.where("login_flow_id", "is", null);
	query = binding.sessionId ? query.where("session_id", "=", binding.sessionId) : query;
	return query.orderBy("created_at", "desc").limit(1).executeTakeFirst();
}

/** Voids every open code of this binding (a new code replaces the old: SECURITY M10). */
export async function voidOpenCodes(db: Db | Tx, binding: CodeBinding, now: Date): Promise<number> {
	let query = db
		.updateTable("one_time_codes")
		.set({ consumed_at: now })
		.where("tenant_id", "=", binding.tenantId)
		.where("user_id", "=", binding.userId)
		.where("purpose", "=", binding.purpose)
		.where("consumed_at", "is", null);
	query = binding.loginFlowId ? query.where("login_flow_id", "=", binding.loginFlowId) : query;
	const rows = await query.returning("attempts").execute();
	return rows.reduce((max, row) => Math.max(max, row.attempts), 0);
}

export async function insertCode(
	db: Db | Tx,
	values: CodeBinding & {
		channel: CodeChannel;
		destination: string;
		codeHash: string;
		attempts: number;
		now: Date;
		expiresAt: Date;
	},
) {
	await db
		.insertInto("one_time_codes")
		.values({
			tenant_id: values.tenantId,
			user_id: values.userId,
			purpose: values.purpose,
			channel: values.channel,
			destination: values.destination,
			code_hash: values.codeHash,
			login_flow_id: values.loginFlowId ?? null,
			session_id: values.sessionId ?? null,
			attempts: values.attempts,
			created_at: values.now,
			expires_at: values.expiresAt,
		})
		.execute();
}

/** Counts one attempt against a code if it has attempts left; null when exhausted. */
export async function spendCodeAttempt(db: Db | Tx, id: string, maxAttempts: number): Promise<number | null> {
	const row = await db
		.updateTable("one_time_codes")
		.set({ attempts: sql`attempts + 1` })
		.where("id", "=", id)
		.where("attempts", "<", maxAttempts)
		.where("consumed_at", "is", null)
		.returning("attempts")
		.executeTakeFirst();
	return row?.attempts ?? null;
}

export async function consumeCode(db: Db | Tx, id: string, now: Date): Promise<boolean> {
	const row = await db
		.updateTable("one_time_codes")
		.set({ consumed_at: now })
		.where("id", "=", id)
		.where("consumed_at", "is", null)
		.returning("id")
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * Serialises code sends to one user and to one destination until `trx` ends: the user's row is
 * locked, and a transaction-level advisory lock is taken on the destination (which another user
 * may share, or which is not yet anyone's address while it is being verified). The send limits
 * count the codes already sent and then insert one; under these locks no parallel send can
 * count the same past (issue 10, item 3). Always user first, then destination, so two sends
 * never wait on each other in a cycle.
 */
export async function lockCodeSending(trx: Tx, tenantId: string, userId: string, destination: string): Promise<void> {
	await trx
		.selectFrom("users")
		.select("id")
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.forUpdate()
		.executeTakeFirst();
	await sql`select pg_advisory_xact_lock(hashtextextended(${`code-destination:${tenantId}:${destination}`}, 0))`.execute(
		trx,
	);
}

/** When the user was last sent a code for this purpose (the resend cooldown is per purpose). */
export async function latestCodeFor(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	purpose: CodePurpose,
): Promise<Date | null> {
	const row = await db
		.selectFrom("one_time_codes")
		.select((eb) => eb.fn.max("created_at").as("latest"))
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("purpose", "=", purpose)
		.executeTakeFirst();
	return (row?.latest as Date | null | undefined) ?? null;
}

/** Sends in a window, per user and per destination (cost and bombing limits: SECURITY M11). */
export async function countCodesSentSince(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	destination: string,
	since: Date,
) {
	const row = await db
		.selectFrom("one_time_codes")
		.select([(eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.max("created_at").as("latest")])
		.where("tenant_id", "=", tenantId)
		.where((eb) => eb.or([eb("user_id", "=", userId), eb("destination", "=", destination)]))
		.where("created_at", ">=", since)
		.executeTakeFirstOrThrow();
	return { count: row.n, latest: row.latest as Date | null };
}

/** Whether the user has a TOTP secret and when it was confirmed (null while pending). */
export function findTotpConfirmedAt(db: Db | Tx, userId: string) {
	return db.selectFrom("totp_credentials").select("confirmed_at").where("user_id", "=", userId).executeTakeFirst();
}

/** Deletes every TOTP secret, passkey and recovery code of a user (an administrator's MFA reset). */
export async function deleteSecondFactorsOfUser(db: Db | Tx, userId: string) {
	await db.deleteFrom("totp_credentials").where("user_id", "=", userId).execute();
	await db.deleteFrom("passkeys").where("user_id", "=", userId).execute();
	await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
}
