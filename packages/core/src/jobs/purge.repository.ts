import { sql } from "kysely";
import type { Tx } from "../shared/tx";

/**
 * The next user due for purge (state `deleting`, planned purge date passed), oldest plan first,
 * locked FOR UPDATE SKIP LOCKED so parallel runs take different users; `skip` are ids that
 * failed earlier in this run.
 */
export function lockNextDueUser(trx: Tx, now: Date, skip: readonly string[]) {
	let query = trx
		.selectFrom("users")
		.select(["id", "tenant_id"])
		.where("state", "=", "deleting")
		.where("planned_purge_at", "<=", now);
	if (skip.length > 0) query = query.where("id", "not in", skip);
	return query.orderBy("planned_purge_at").orderBy("id").limit(1).forUpdate().skipLocked().executeTakeFirst();
}

/** The personal data of the user about to be purged, to find it again in audit rows. */
export function findPurgeSubject(trx: Tx, tenantId: string, userId: string) {
	return trx
		.selectFrom("users")
		.select(["email", "phone", "first_name", "last_name", "username", "planned_purge_at"])
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.executeTakeFirstOrThrow();
}

/** New addresses of the user's pending email or phone changes. */
export function findPendingContactValues(trx: Tx, tenantId: string, userId: string) {
	return trx
		.selectFrom("verification_tokens")
		.select("new_value")
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("new_value", "is not", null)
		.execute();
}

const deleted = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);

/** Deletes the user's WebAuthn challenges, also those tied to them only by a session or sign-in flow. */
export async function deleteChallengesOfUser(trx: Tx, tenantId: string, userId: string): Promise<number> {
	return deleted(
		await trx
			.deleteFrom("webauthn_challenges")
			.where("tenant_id", "=", tenantId)
			.where((eb) =>
				eb.or([
					eb("user_id", "=", userId),
					eb("session_id", "in", eb.selectFrom("sessions").select("id").where("user_id", "=", userId)),
					eb("login_flow_id", "in", eb.selectFrom("login_flows").select("id").where("user_id", "=", userId)),
				]),
			)
			.executeTakeFirst(),
	);
}

/** Tables whose rows belong to one user (`tenant_id`, `user_id`) and go with them, in this order. */
export const PURGED_USER_TABLES = [
	"password_credentials",
	"password_history",
	"sessions",
	"login_flows",
	"totp_credentials",
	"recovery_codes",
	"passkeys",
	"one_time_codes",
	"verification_tokens",
	"role_assignments",
	"api_keys",
	"invitations",
] as const;

/** Deletes the user's rows of one of `PURGED_USER_TABLES`; returns how many went. */
export async function deleteRowsOfUser(
	trx: Tx,
	table: (typeof PURGED_USER_TABLES)[number],
	tenantId: string,
	userId: string,
): Promise<number> {
	return deleted(
		await trx.deleteFrom(table).where("tenant_id", "=", tenantId).where("user_id", "=", userId).executeTakeFirst(),
	);
}

/** Deletes messages about the user and any still addressed to one of `addresses`. */
export async function deleteMessagesOfUser(
	trx: Tx,
	tenantId: string,
	userId: string,
	addresses: readonly string[],
): Promise<number> {
	return deleted(
		await trx
			.deleteFrom("outbox")
			.where("tenant_id", "=", tenantId)
			.where((eb) =>
				addresses.length > 0
					? eb.or([eb("user_id", "=", userId), eb("recipient", "in", addresses)])
					: eb("user_id", "=", userId),
			)
			.executeTakeFirst(),
	);
}

/**
 * Scrubs the personal data and security state off a `deleting` user row and sets it `deleted`,
 * keeping the row as a tombstone. Throws when the row is not (any longer) `deleting`.
 */
export async function scrubDeletingUser(trx: Tx, tenantId: string, userId: string, now: Date): Promise<void> {
	await trx
		.updateTable("users")
		.set({
			state: "deleted",
			email: null,
			email_verified: false,
			phone: null,
			phone_verified: false,
			first_name: null,
			last_name: null,
			username: null,
			language: null,
			time_zone: null,
			two_factor_enabled: false,
			two_factor_type: null,
			mfa_sms_enabled: false,
			mfa_email_enabled: false,
			required_actions: sql`'{}'::text[]`,
			failed_attempts: 0,
			locked_until: null,
			password_changed_at: null,
			password_reminder_sent_days: null,
			last_sign_in_at: null,
			version: sql`version + 1`,
			updated_at: now,
		})
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.where("state", "=", "deleting")
		.executeTakeFirstOrThrow();
}

/** The audit rows the user is the target or the actor of, oldest first. */
export function findAuditRowsOfUser(trx: Tx, tenantId: string, userId: string) {
	return trx
		.selectFrom("audit_events")
		.select(["id", "details", "target_user_id"])
		.where("tenant_id", "=", tenantId)
		.where((eb) => eb.or([eb("target_user_id", "=", userId), eb("actor_user_id", "=", userId)]))
		.orderBy("id")
		.execute();
}

/**
 * Replaces the `details` (JSON text) of audit rows of a purged user. The database refuses any
 * other change to an audit row: the append-only trigger lets an UPDATE through only when it cuts
 * spans of `details` strings to `[purged]` on a row whose actor or target is a tombstone
 * (migration 0007), so the user row must be scrubbed first.
 */
export async function rewriteAuditDetails(trx: Tx, rows: readonly { id: number; details: string }[]): Promise<void> {
	for (const row of rows) {
		await trx.updateTable("audit_events").set({ details: row.details }).where("id", "=", row.id).execute();
	}
}
