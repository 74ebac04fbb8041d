import type { UserRow, UserRowUpdate } from "@tessera/db/schema";
import { sql } from "kysely";
import type { Db, Tx } from "../shared/tx";

/** Columns a user row exposes; `search_text` is an index helper and stays in the database. */
const USER_COLUMNS = [
	"id",
	"tenant_id",
	"user_type",
	"state",
	"email",
	"email_verified",
	"phone",
	"phone_verified",
	"first_name",
	"last_name",
	"username",
	"language",
	"time_zone",
	"primary_account_id",
	"planned_purge_at",
	"two_factor_enabled",
	"two_factor_type",
	"version",
	"created_at",
	"updated_at",
	"last_sign_in_at",
	"password_changed_at",
	"failed_attempts",
	"locked_until",
	"required_actions",
	"password_reminder_sent_days",
	"mfa_sms_enabled",
	"mfa_email_enabled",
] as const;

/** A user row without the database-maintained index helpers (search text, sort keys). */
export type UserRecord = Omit<UserRow, "search_text" | "sort_name" | "sort_email" | "sort_last_sign_in">;

export function findUserById(db: Db, tenantId: string, userId: string): Promise<UserRecord | undefined> {
	return db
		.selectFrom("users")
		.select(USER_COLUMNS)
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.executeTakeFirst();
}

export function findUserByEmail(db: Db, tenantId: string, email: string): Promise<UserRecord | undefined> {
	return db
		.selectFrom("users")
		.select(USER_COLUMNS)
		.where("tenant_id", "=", tenantId)
		.where("email", "=", email)
		.executeTakeFirst();
}

/** Locks the row for the rest of the transaction, so read-check-write sequences cannot interleave. */
export function lockUserById(trx: Tx, tenantId: string, userId: string): Promise<UserRecord | undefined> {
	return trx
		.selectFrom("users")
		.select(USER_COLUMNS)
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.forUpdate()
		.executeTakeFirst();
}

/**
 * Writes `patch` only if the row is still at `expectedVersion`, and raises the version by one.
 * Returns undefined when the row moved on (or does not exist): the caller decides which.
 */
export function updateUserIfVersion(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	expectedVersion: number,
	patch: Omit<UserRowUpdate, "version" | "id" | "tenant_id">,
	now: Date,
): Promise<UserRecord | undefined> {
	return db
		.updateTable("users")
		.set({ ...patch, version: sql`version + 1`, updated_at: now })
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.where("version", "=", expectedVersion)
		.returning(USER_COLUMNS)
		.executeTakeFirst();
}

export function findUserVersion(db: Db | Tx, tenantId: string, userId: string): Promise<number | undefined> {
	return db
		.selectFrom("users")
		.select("version")
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.executeTakeFirst()
		.then((row) => row?.version);
}
