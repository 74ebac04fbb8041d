import { prepareQuery } from "@tessera/db/prepared-query";
import type { RequiredAction, TwoFactorType, UserRow, UserRowUpdate } from "@tessera/db/schema";
import { type Expression, sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { selectRoleAssignmentViews } from "../roles/role.repository";
import type { Db, Tx } from "../shared/tx";

/** The columns a user is shown with (`userRowToUser`, the `User` procedures output), and no more. */
export const USER_VIEW_COLUMNS = [
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
] as const;

/** Columns a user row exposes; `search_text` is an index helper and stays in the database. */
const USER_COLUMNS = [
	...USER_VIEW_COLUMNS,
	"state_changed_at",
	"dormancy_warned_at",
	"failed_attempts",
	"locked_until",
	"required_actions",
	"password_reminder_sent_days",
	"mfa_sms_enabled",
	"mfa_email_enabled",
	"password_reset_at",
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

/** A user row as far as showing the user needs. */
export type UserViewRecord = Pick<UserRecord, (typeof USER_VIEW_COLUMNS)[number]>;

/**
 * The user columns of an own profile read beside a session (whose row already names the user and
 * tenant): the shown columns and the pending required actions.
 */
export const OWN_PROFILE_USER_COLUMNS = [
	...USER_VIEW_COLUMNS.filter(
		(column): column is Exclude<(typeof USER_VIEW_COLUMNS)[number], "id" | "tenant_id"> =>
			column !== "id" && column !== "tenant_id",
	),
	"required_actions" as const,
];

/** The user's role assignments as the profile shows them, as one JSON array: a sub-select. */
export function selectOwnRolesOf(db: Db | Tx, tenantId: Expression<string>, userId: Expression<string>) {
	return jsonArrayFrom(selectRoleAssignmentViews(db, tenantId, userId));
}

/**
 * A user's own profile in one round trip: the row, its tenant's slug and name, and its role
 * assignments, compiled once. The permissions come from the grants the request's
 * authentication already read. A session's `me.get` reads all of it with the session itself
 * (`findSessionWithOwnProfileByTokenHash`); this serves the other callers.
 */
const ownProfileRow = prepareQuery((db, $: { tenantId: string; userId: string }) =>
	db
		.selectFrom("users as u")
		.innerJoin("tenants as t", "t.id", "u.tenant_id")
		.select(USER_VIEW_COLUMNS.map((column) => `u.${column}` as const))
		.select("u.required_actions")
		.select((eb) => [
			"t.slug as tenant_slug",
			"t.name as tenant_name",
			selectOwnRolesOf(db, eb.ref("u.tenant_id"), eb.ref("u.id")).as("roles"),
		])
		.where("u.tenant_id", "=", $.tenantId)
		.where("u.id", "=", $.userId),
);

export function findOwnProfileRow(db: Db, tenantId: string, userId: string) {
	return ownProfileRow.executeTakeFirst(db, { tenantId, userId });
}

export function findUserByEmail(db: Db, tenantId: string, email: string): Promise<UserRecord | undefined> {
	return db
		.selectFrom("users")
		.select(USER_COLUMNS)
		.where("tenant_id", "=", tenantId)
		.where("email", "=", email)
		.executeTakeFirst();
}

/**
 * `findUserByEmail` and the user's password hash with when it was set (null without a password),
 * in one round trip: what password sign-in checks before it hashes.
 */
export async function findUserByEmailWithPassword(
	db: Db,
	tenantId: string,
	email: string,
): Promise<{ user: UserRecord; credential: { password_hash: string; created_at: Date } | undefined } | undefined> {
	const row = await db
		.selectFrom("users")
		.leftJoin("password_credentials as pc", "pc.user_id", "users.id")
		.select(USER_COLUMNS.map((column) => `users.${column}` as const))
		.select(["pc.password_hash", "pc.created_at as password_created_at"])
		.where("users.tenant_id", "=", tenantId)
		.where("users.email", "=", email)
		.executeTakeFirst();
	if (!row) return undefined;
	const { password_hash, password_created_at, ...user } = row;
	return {
		user,
		credential:
			password_hash !== null && password_created_at !== null
				? { password_hash, created_at: password_created_at }
				: undefined,
	};
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

/**
 * `required_actions` without `action`: the one spelling of "this obligation is met", for use
 * inside a users update's `set` so it lands in the same statement as the change that meets it.
 */
export function withoutRequiredAction(action: RequiredAction) {
	return sql<RequiredAction[]>`array_remove(required_actions, ${action}::text)`;
}

/** Clears one required action of a user (nothing happens when it was not set). */
export async function clearRequiredAction(db: Db | Tx, tenantId: string, userId: string, action: RequiredAction) {
	await db
		.updateTable("users")
		.set({ required_actions: withoutRequiredAction(action) })
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.execute();
}

/** Sets a new, verified email address, clears "verify your email", and raises the version. */
export async function setVerifiedEmail(db: Db | Tx, userId: string, email: string, now: Date) {
	await db
		.updateTable("users")
		.set({
			email,
			email_verified: true,
			required_actions: withoutRequiredAction("verify_email"),
			version: sql`version + 1`,
			updated_at: now,
		})
		.where("id", "=", userId)
		.execute();
}

/** Sets a new, verified phone number and raises the version. */
export async function setVerifiedPhone(db: Db | Tx, userId: string, phone: string, now: Date) {
	await db
		.updateTable("users")
		.set({ phone, phone_verified: true, version: sql`version + 1`, updated_at: now })
		.where("id", "=", userId)
		.execute();
}

/** Records a password change: restarts the expiry reminders and clears "change your password". */
export async function markPasswordChanged(db: Db | Tx, userId: string, now: Date) {
	await db
		.updateTable("users")
		.set({
			password_changed_at: now,
			password_reminder_sent_days: null,
			required_actions: withoutRequiredAction("change_password"),
			version: sql`version + 1`,
			updated_at: now,
		})
		.where("id", "=", userId)
		.execute();
}

/** Spends every open verification token of a user, so a link sent to an old address stops working. */
export async function voidOpenVerificationTokens(db: Db | Tx, userId: string, now: Date) {
	await db
		.updateTable("verification_tokens")
		.set({ consumed_at: now })
		.where("user_id", "=", userId)
		.where("consumed_at", "is", null)
		.execute();
}

/**
 * Stores the derived two-factor flags (`two_factor_enabled`, `two_factor_type`), raising the
 * version only when they actually change.
 */
export async function setTwoFactorFlags(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	preferred: TwoFactorType | null,
	now: Date,
) {
	await db
		.updateTable("users")
		.set({
			two_factor_enabled: preferred !== null,
			two_factor_type: preferred,
			version: sql`version + 1`,
			updated_at: now,
		})
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.where((eb) =>
			eb.or([
				eb("two_factor_type", "is distinct from", preferred),
				eb("two_factor_enabled", "is distinct from", preferred !== null),
			]),
		)
		.execute();
}

/** Turns the SMS or email second factor on or off (the flags are derived afterwards). */
export async function setMfaChannelEnabled(db: Db | Tx, userId: string, channel: "sms" | "email", enabled: boolean) {
	await db
		.updateTable("users")
		.set(channel === "sms" ? { mfa_sms_enabled: enabled } : { mfa_email_enabled: enabled })
		.where("id", "=", userId)
		.execute();
}

/** The few columns a notification to the user needs (notify-user.ts). */
export function findNotifiableUser(db: Db | Tx, userId: string) {
	return db
		.selectFrom("users")
		.select(["tenant_id", "id", "email", "language"])
		.where("id", "=", userId)
		.executeTakeFirst();
}

/** The names an authenticator app shows next to the account. */
export function findUserLabel(db: Db | Tx, userId: string) {
	return db.selectFrom("users").select(["email", "username"]).where("id", "=", userId).executeTakeFirst();
}

/** Turns off the SMS and email second factors. */
export async function disableMfaChannels(db: Db | Tx, userId: string) {
	await db
		.updateTable("users")
		.set({ mfa_sms_enabled: false, mfa_email_enabled: false })
		.where("id", "=", userId)
		.execute();
}

/** Lifts a lockout and clears the failure budget. */
export async function clearLockout(db: Db | Tx, userId: string) {
	await db.updateTable("users").set({ failed_attempts: 0, locked_until: null }).where("id", "=", userId).execute();
}

/**
 * One write when sign-in completes: the failure budget starts afresh, the sign-in time is
 * recorded, and the required actions become `requiredActions`.
 */
export async function recordSignIn(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	requiredActions: readonly RequiredAction[],
	now: Date,
) {
	await db
		.updateTable("users")
		.set({
			failed_attempts: 0,
			locked_until: null,
			last_sign_in_at: now,
			required_actions: sql<RequiredAction[]>`${requiredActions}::text[]`,
		})
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.execute();
}
