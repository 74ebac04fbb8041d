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
	/** Branding (migration 0012): null shows the product's own name, colour and no logo. */
	brand_name: string | null;
	/** `#rrggbb`, lower case: the colour the administrator chose, before any shade is derived. */
	brand_accent: string | null;
	/** The logo's bytes (PNG, JPEG or WebP, sniffed by core), with its type and URL version. PGlite reads `bytea` as a Uint8Array, pg as a Buffer (one). */
	brand_logo: Uint8Array | null;
	brand_logo_type: BrandLogoType | null;
	brand_logo_version: string | null;
}

export const BRAND_LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type BrandLogoType = (typeof BRAND_LOGO_TYPES)[number];

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
	/** Last change of `state`: a reactivated account's dormancy is counted from here. */
	state_changed_at: Date | null;
	/** When the "your account will be deactivated" warning went out for the current dormancy. */
	dormancy_warned_at: Date | null;
	password_changed_at: Date | null;
	/** Generated: lower-cased email, names and username, for trigram search. */
	search_text: ColumnType<string, never, never>;
	failed_attempts: ColumnType<number, number | undefined, number>;
	locked_until: Date | null;
	required_actions: ColumnType<RequiredAction[], RequiredAction[] | undefined, RequiredAction[]>;
	/** Which reminder (days before expiry) was last sent for the current password. */
	password_reminder_sent_days: number | null;
	mfa_sms_enabled: ColumnType<boolean, boolean | undefined, boolean>;
	mfa_email_enabled: ColumnType<boolean, boolean | undefined, boolean>;
	/** Generated, NOT NULL sort keys for keyset pagination of the user list. */
	sort_name: ColumnType<string, never, never>;
	sort_email: ColumnType<string, never, never>;
	sort_last_sign_in: ColumnType<Date, never, never>;
	/** Last reset by email link that no non-email second factor has vouched for since (see 0006). */
	password_reset_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export const REQUIRED_ACTIONS = ["change_password", "verify_email", "enroll_mfa", "register_passkey"] as const;
export type RequiredAction = (typeof REQUIRED_ACTIONS)[number];
export type AuthMethod = "password" | "totp" | "sms" | "email" | "passkey" | "recovery_code";

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
	/** Last time the user proved who they are in this session (sign-in or re-authentication). */
	authenticated_at: Timestamp;
	amr: ColumnType<AuthMethod[], AuthMethod[] | undefined, AuthMethod[]>;
	/** Idle limit of this session, from the tenant policy when it started (or when the policy changed). */
	idle_minutes: ColumnType<number, number | undefined, number>;
}

export interface PasswordHistoryTable {
	id: Generated<string>;
	tenant_id: string;
	user_id: string;
	password_hash: string;
	created_at: Timestamp;
}

export interface LoginFlowTable {
	id: Generated<string>;
	tenant_id: string;
	user_id: string;
	token_hash: string;
	stage: "mfa" | "password_change" | "required_actions";
	amr: ColumnType<AuthMethod[], AuthMethod[] | undefined, AuthMethod[]>;
	code_failures: ColumnType<number, number | undefined, number>;
	created_at: Timestamp;
	expires_at: Timestamp;
	ip: string | null;
	user_agent: string | null;
	consumed_at: Date | null;
}

export interface TotpCredentialTable {
	user_id: string;
	tenant_id: string;
	secret_ciphertext: string;
	confirmed_at: Date | null;
	last_used_step: number | null;
	created_at: Timestamp;
}

export interface RecoveryCodeTable {
	id: Generated<string>;
	tenant_id: string;
	user_id: string;
	code_hash: string;
	created_at: Timestamp;
	used_at: Date | null;
}

export interface PasskeyTable {
	id: Generated<string>;
	tenant_id: string;
	user_id: string;
	credential_id: string;
	public_key: string;
	counter: ColumnType<number, number | undefined, number>;
	transports: ColumnType<string[], string[] | undefined, string[]>;
	aaguid: string;
	name: string;
	device_type: "singleDevice" | "multiDevice";
	backed_up: boolean;
	created_at: Timestamp;
	last_used_at: Date | null;
	use_count: ColumnType<number, number | undefined, number>;
	flagged_at: Date | null;
}

export interface WebauthnChallengeTable {
	id: Generated<string>;
	tenant_id: string;
	challenge: string;
	ceremony: "registration" | "authentication" | "reauthentication";
	user_id: string | null;
	login_flow_id: string | null;
	session_id: string | null;
	created_at: Timestamp;
	expires_at: Timestamp;
}

/** One throttle window of one client (see migration 0005): hits counted until `expires_at`. */
export interface ThrottleTable {
	key: string;
	points: number;
	expires_at: Timestamp;
}

export type CodePurpose = "sign_in" | "verify_email" | "verify_phone" | "reauth";
export type CodeChannel = "sms" | "email";

export interface OneTimeCodeTable {
	id: Generated<string>;
	tenant_id: string;
	user_id: string;
	purpose: CodePurpose;
	channel: CodeChannel;
	destination: string;
	code_hash: string;
	login_flow_id: string | null;
	session_id: string | null;
	attempts: ColumnType<number, number | undefined, number>;
	created_at: Timestamp;
	expires_at: Timestamp;
	consumed_at: Date | null;
}

export interface VerificationTokenTable {
	id: Generated<string>;
	tenant_id: string;
	user_id: string;
	purpose: string;
	token_hash: string;
	new_value: string | null;
	created_at: Timestamp;
	expires_at: Timestamp;
	consumed_at: Date | null;
}

export interface OutboxTable {
	id: Generated<number>;
	tenant_id: string;
	user_id: string | null;
	channel: "email" | "sms";
	recipient: string;
	template: string;
	subject: string | null;
	body: string;
	status: ColumnType<
		"pending" | "sent" | "failed",
		"pending" | "sent" | "failed" | undefined,
		"pending" | "sent" | "failed"
	>;
	attempts: ColumnType<number, number | undefined, number>;
	next_attempt_at: Timestamp;
	last_error: string | null;
	created_at: Timestamp;
	sent_at: Date | null;
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

export interface InvitationTable {
	id: Generated<string>;
	tenant_id: string;
	user_id: string;
	email: string;
	token_hash: string;
	role_id: string | null;
	context_type: ContextType | null;
	context_id: string | null;
	applies_to_sub_accounts: ColumnType<boolean, boolean | undefined, boolean>;
	invited_by: string | null;
	created_at: Timestamp;
	expires_at: Timestamp;
	accepted_at: Date | null;
	revoked_at: Date | null;
}

/** Self-service password reset links (0006): one row per request, the token stored hashed. */
export interface PasswordResetTokenTable {
	id: Generated<string>;
	tenant_id: string;
	user_id: string;
	token_hash: string;
	requested_by: string | null;
	created_at: Timestamp;
	expires_at: Timestamp;
	used_at: Date | null;
}

/**
 * The dashboard's counters (0009), written only by triggers: per tenant, primary account (the
 * nil uuid for none) and slot (rows summed on read). Read-only for the application.
 */
export interface DashboardUserCountTable {
	tenant_id: string;
	account_id: string;
	state: string;
	user_type: string;
	/** '' for none. */
	two_factor_type: string;
	slot: number;
	users: number;
}
export interface DashboardSignupTable {
	tenant_id: string;
	account_id: string;
	/** 15-minute UTC bucket of `users.created_at`. */
	bucket: Date;
	slot: number;
	users: number;
}
export interface DashboardRoleHolderTable {
	tenant_id: string;
	account_id: string;
	role_id: string;
	slot: number;
	users: number;
}
export interface DashboardPasskeyTable {
	tenant_id: string;
	account_id: string;
	slot: number;
	passkeys: number;
	holders: number;
}
export interface DashboardInvitationTable {
	tenant_id: string;
	account_id: string;
	/** 15-minute UTC bucket of an open invitation's `expires_at`. */
	expires_bucket: Date;
	slot: number;
	invitations: number;
}
export interface DashboardRoleHoldingTable {
	user_id: string;
	role_id: string;
	assignments: number;
}
export interface DashboardPasskeyHoldingTable {
	user_id: string;
	passkeys: number;
}
/**
 * The dashboard's counters over time (0011), written only by triggers. Sign-ins (`auth.sign_in`
 * success), failed sign-ins (`auth.sign_in` failure) and lockouts (`auth.locked`) per 15-minute
 * UTC bucket of `occurred_at`, in the account the event's user is in now.
 */
export interface DashboardActivityTable {
	tenant_id: string;
	account_id: string;
	bucket: Date;
	slot: number;
	sign_ins: number;
	failures: number;
	lockouts: number;
}
/** Signed changes of the active users per user type and preferred factor, per bucket of the change. */
export interface DashboardActiveChangeTable {
	tenant_id: string;
	account_id: string;
	bucket: Date;
	user_type: string;
	/** '' for none. */
	two_factor_type: string;
	slot: number;
	users: number;
}
/** Tenants that had users before 0011 counted them in at `since`: earlier days are unknown. */
export interface DashboardHistorySinceTable {
	tenant_id: string;
	since: Date;
}

export interface ApiKeyTable {
	id: Generated<string>;
	tenant_id: string;
	user_id: string;
	name: string;
	prefix: string;
	key_hash: string;
	created_by: string | null;
	created_at: Timestamp;
	expires_at: Date | null;
	last_used_at: Date | null;
	revoked_at: Date | null;
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
	password_history: PasswordHistoryTable;
	login_flows: LoginFlowTable;
	totp_credentials: TotpCredentialTable;
	recovery_codes: RecoveryCodeTable;
	passkeys: PasskeyTable;
	webauthn_challenges: WebauthnChallengeTable;
	one_time_codes: OneTimeCodeTable;
	verification_tokens: VerificationTokenTable;
	outbox: OutboxTable;
	invitations: InvitationTable;
	api_keys: ApiKeyTable;
	throttles: ThrottleTable;
	password_reset_tokens: PasswordResetTokenTable;
	dashboard_user_counts: DashboardUserCountTable;
	dashboard_signups: DashboardSignupTable;
	dashboard_role_holders: DashboardRoleHolderTable;
	dashboard_passkeys: DashboardPasskeyTable;
	dashboard_invitations: DashboardInvitationTable;
	dashboard_role_holdings: DashboardRoleHoldingTable;
	dashboard_passkey_holdings: DashboardPasskeyHoldingTable;
	dashboard_activity: DashboardActivityTable;
	dashboard_active_changes: DashboardActiveChangeTable;
	dashboard_history_since: DashboardHistorySinceTable;
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
export type PasskeyRow = Selectable<PasskeyTable>;
export type LoginFlowRow = Selectable<LoginFlowTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type NewAuditEvent = Insertable<AuditEventTable>;
