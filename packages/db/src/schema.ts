/**
 * The single source of table types. Written by hand in Kysely's style; `schema.integration.test.ts`
 * compares it with a migrated database so the two cannot drift.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** A timestamptz column: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column with a database default. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json = ColumnType<unknown, string, string>;

export const USER_STATES = ["create", "active", "inactive", "deleting", "deleted"] as const;
export type UserState = (typeof USER_STATES)[number];
export const USER_TYPES = ["human", "application"] as const;
export type UserType = (typeof USER_TYPES)[number];
export const TWO_FACTOR_TYPES = ["totp", "sms", "email", "passkey"] as const;
export type TwoFactorType = (typeof TWO_FACTOR_TYPES)[number];
export const CONTEXT_TYPES = ["tenant", "account", "space"] as const;
export type ContextType = (typeof CONTEXT_TYPES)[number];

export interface TenantTable {
	id: Generated<string>;
	slug: string;
	name: string;
	policy: ColumnType<Record<string, unknown>, string | undefined, string>;
	created_at: CreatedAt;
}

export interface AccountTable {
	id: Generated<string>;
	tenant_id: string;
	parent_account_id: string | null;
	name: string;
	created_at: CreatedAt;
}

export interface SpaceTable {
	id: Generated<string>;
	tenant_id: string;
	account_id: string;
	name: string;
	created_at: CreatedAt;
}

export interface UserTable {
	id: Generated<string>;
	tenant_id: string;
	user_type: ColumnType<UserType, UserType | undefined, UserType>;
	state: UserState;
	email: string | null;
	email_verified: ColumnType<boolean, boolean | undefined, boolean>;
	phone: string | null;
	phone_verified: ColumnType<boolean, boolean | undefined, boolean>;
	first_name: string | null;
	last_name: string | null;
	username: string | null;
	language: string | null;
	time_zone: string | null;
	primary_account_id: string | null;
	planned_purge_at: Date | null;
	two_factor_enabled: ColumnType<boolean, boolean | undefined, boolean>;
	two_factor_type: TwoFactorType | null;
	version: ColumnType<number, number | undefined, number>;
	created_at: CreatedAt;
	updated_at: CreatedAt;
	last_sign_in_at: Date | null;
	password_changed_at: Date | null;
	/** Generated: lower-cased email, names and username, for trigram search. */
	search_text: ColumnType<string, never, never>;
}

export interface PasswordCredentialTable {
	user_id: string;
	tenant_id: string;
	password_hash: string;
	created_at: CreatedAt;
	updated_at: CreatedAt;
}

export interface SessionTable {
	id: Generated<string>;
	tenant_id: string;
	user_id: string;
	/** Hex SHA-256 of the cookie token; the token itself is never stored. */
	token_hash: string;
	created_at: CreatedAt;
	last_seen_at: Timestamp;
	expires_at: Timestamp;
	ip: string | null;
	user_agent: string | null;
	revoked_at: Date | null;
}

export interface PermissionTable {
	key: string;
	description: string;
}

export interface RoleTable {
	id: Generated<string>;
	tenant_id: string;
	key: string;
	name: string;
	description: string;
	context_type: ContextType;
	is_builtin: ColumnType<boolean, boolean | undefined, boolean>;
	created_at: CreatedAt;
}

export interface RolePermissionTable {
	role_id: string;
	permission: string;
}

export interface RoleAssignmentTable {
	id: Generated<string>;
	tenant_id: string;
	user_id: string;
	role_id: string;
	context_type: ContextType;
	/** The tenant, account or space id the role applies in. */
	context_id: string;
	applies_to_sub_accounts: ColumnType<boolean, boolean | undefined, boolean>;
	created_at: CreatedAt;
	created_by: string | null;
}

export interface AuditEventTable {
	id: Generated<number>;
	tenant_id: string;
	occurred_at: Timestamp;
	actor_user_id: string | null;
	target_user_id: string | null;
	action: string;
	outcome: "success" | "failure";
	ip: string | null;
	user_agent: string | null;
	details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface DB {
	tenants: TenantTable;
	accounts: AccountTable;
	spaces: SpaceTable;
	users: UserTable;
	password_credentials: PasswordCredentialTable;
	sessions: SessionTable;
	permissions: PermissionTable;
	roles: RoleTable;
	role_permissions: RolePermissionTable;
	role_assignments: RoleAssignmentTable;
	audit_events: AuditEventTable;
}

export type Tenant = Selectable<TenantTable>;
export type Account = Selectable<AccountTable>;
export type Space = Selectable<SpaceTable>;
export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type UserRowUpdate = Updateable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type RoleRow = Selectable<RoleTable>;
export type RoleAssignmentRow = Selectable<RoleAssignmentTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type NewAuditEvent = Insertable<AuditEventTable>;
