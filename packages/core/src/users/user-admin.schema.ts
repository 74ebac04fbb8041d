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

export const ZBulkStateOutput = z.array(
	z.object({ userId: z.uuid(), ok: z.boolean(), code: z.string().nullable(), version: z.number().int().nullable() }),
);

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
