import { CONTEXT_TYPES, REQUIRED_ACTIONS, TWO_FACTOR_TYPES } from "@tessera/db/schema";
import { z } from "zod";
import { ZPasskeyView } from "../passkeys/passkey.schema";
import { ZUser } from "./user";
import { ZLanguage, ZName, ZTimeZone, ZUsername, ZVersion } from "./user.schema";

/** What an administrator may edit on a user. Identity, security and state go through their own actions. */
export const ZAdminUpdateUserInput = z.strictObject({
	userId: z.uuid(),
	version: ZVersion,
	firstName: ZName.nullable().optional(),
	lastName: ZName.nullable().optional(),
	username: ZUsername.nullable().optional(),
	language: ZLanguage.nullable().optional(),
	timeZone: ZTimeZone.nullable().optional(),
	/** Moving a user between accounts needs users.write on both sides. */
	primaryAccountId: z.uuid().nullable().optional(),
});
export type TAdminUpdateUserInput = z.output<typeof ZAdminUpdateUserInput>;

/** Names one user: the input of the read and security actions that need nothing else. */
export const ZUserIdInput = z.strictObject({ userId: z.uuid() });
export type TUserIdInput = z.output<typeof ZUserIdInput>;

/** Activate, deactivate or mark for deletion, naming the version the administrator saw. */
export const ZChangeStateInput = z.strictObject({
	userId: z.uuid(),
	version: ZVersion,
	to: z.enum(["active", "inactive", "deleting"]),
});
export type TChangeStateInput = z.output<typeof ZChangeStateInput>;

/** Replace the steps a user must complete at next sign-in. */
export const ZSetRequiredActionsInput = z.strictObject({
	userId: z.uuid(),
	version: ZVersion,
	actions: z.array(z.enum(REQUIRED_ACTIONS)).max(REQUIRED_ACTIONS.length),
});
export type TSetRequiredActionsInput = z.output<typeof ZSetRequiredActionsInput>;

/** How many sessions an administrator's "sign out everywhere" ended. */
export const ZRevokeSessionsOutput = z.object({ revoked: z.number().int() });
export type TRevokeSessionsOutput = z.output<typeof ZRevokeSessionsOutput>;

/** Cancel a pending deletion, naming the version the administrator saw. */
export const ZRestoreUserInput = z.strictObject({ userId: z.uuid(), version: ZVersion });
export type TRestoreUserInput = z.output<typeof ZRestoreUserInput>;

export const ZBulkStateInput = z.strictObject({
	to: z.enum(["active", "inactive"]),
	users: z
		.array(z.strictObject({ userId: z.uuid(), version: ZVersion }))
		.min(1)
		.max(100),
});

export type TBulkStateInput = z.output<typeof ZBulkStateInput>;

export const ZBulkStateOutput = z.array(
	z.object({ userId: z.uuid(), ok: z.boolean(), code: z.string().nullable(), version: z.number().int().nullable() }),
);
export type TBulkStateOutput = z.output<typeof ZBulkStateOutput>;

/** Everything an administrator can do to a user from the user's page. */
export const USER_ADMIN_ACTIONS = [
	"editProfile",
	"deactivate",
	"reactivate",
	"delete",
	"restore",
	"forcePasswordChange",
	"setRequiredActions",
	"resetMfa",
	"revokeSessions",
	"unlock",
	"sendPasswordReset",
	"changeRoles",
] as const;
export type TUserAdminAction = (typeof USER_ADMIN_ACTIONS)[number];

/**
 * Why an action is not offered, in the order they are decided: the caller lacks the permission
 * on this user; the user holds permissions the caller does not (the privilege hierarchy); the
 * user's lifecycle state does not allow it; it would change nothing; it would leave the tenant
 * without an active tenant administrator.
 */
export const USER_ACTION_REFUSALS = [
	"missing_permission",
	"target_outranks_actor",
	"not_applicable_in_state",
	"nothing_to_do",
	"last_tenant_admin",
] as const;
export type TUserActionRefusal = (typeof USER_ACTION_REFUSALS)[number];

export const ZUserActionDecision = z.object({
	allowed: z.boolean(),
	reason: z.enum(USER_ACTION_REFUSALS).nullable(),
});
export type TUserActionDecision = z.output<typeof ZUserActionDecision>;

/** What the caller may do to this user now, each decided by the rules the mutation applies. */
export const ZUserActions = z.object(
	Object.fromEntries(USER_ADMIN_ACTIONS.map((action) => [action, ZUserActionDecision])) as Record<
		TUserAdminAction,
		typeof ZUserActionDecision
	>,
);
export type TUserActions = z.output<typeof ZUserActions>;

/** The administrator's view of a user's security. Declared as output so nothing secret can slip in. */
export const ZUserSecurityDetail = z.object({
	user: ZUser,
	/** The user's primary account with its name, so the page can show where they belong. */
	primaryAccount: z.object({ id: z.uuid(), name: z.string() }).nullable(),
	requiredActions: z.array(z.enum(REQUIRED_ACTIONS)),
	password: z.object({
		set: z.boolean(),
		changedAt: z.date().nullable(),
		ageDays: z.number().nullable(),
		expiresAt: z.date().nullable(),
	}),
	lockout: z.object({ failedAttempts: z.number().int(), lockedUntil: z.date().nullable() }),
	mfa: z.object({
		enabled: z.boolean(),
		preferred: z.enum(TWO_FACTOR_TYPES).nullable(),
		methods: z.array(z.enum(TWO_FACTOR_TYPES)),
		recoveryCodesRemaining: z.number().int(),
	}),
	passkeys: z.array(ZPasskeyView),
	sessions: z.array(
		z.object({
			id: z.uuid(),
			createdAt: z.date(),
			lastActiveAt: z.date(),
			ip: z.string().nullable(),
			userAgent: z.string().nullable(),
			browser: z.string().nullable(),
			os: z.string().nullable(),
			device: z.string().nullable(),
			amr: z.array(z.string()),
		}),
	),
	roles: z.array(
		z.object({
			roleKey: z.string(),
			roleName: z.string(),
			contextType: z.enum(CONTEXT_TYPES),
			contextId: z.uuid(),
			appliesToSubAccounts: z.boolean(),
		}),
	),
	actions: ZUserActions,
	recentEvents: z.array(
		z.object({
			id: z.number(),
			occurredAt: z.date(),
			action: z.string(),
			outcome: z.enum(["success", "failure"]),
			actorUserId: z.uuid().nullable(),
			/** The actor's current name (or email); null for the system or a purged actor. */
			actorName: z.string().nullable(),
			ip: z.string().nullable(),
		}),
	),
});
