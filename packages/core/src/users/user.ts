import { CONTEXT_TYPES, REQUIRED_ACTIONS, TWO_FACTOR_TYPES, USER_STATES, USER_TYPES } from "@tessera/db/schema";
import { z } from "zod";
import type { UserViewRecord } from "./user.repository";

/**
 * A user as core hands it out: every property of seed 002, camel-cased, no internal columns.
 * Procedures declare it as `.output()`, so a column added to the table cannot leak by accident.
 */
export const ZUser = z.object({
	id: z.uuid(),
	tenantId: z.uuid(),
	userType: z.enum(USER_TYPES),
	state: z.enum(USER_STATES),
	email: z.string().nullable(),
	emailVerified: z.boolean(),
	phone: z.string().nullable(),
	phoneVerified: z.boolean(),
	firstName: z.string().nullable(),
	lastName: z.string().nullable(),
	username: z.string().nullable(),
	language: z.string().nullable(),
	timeZone: z.string().nullable(),
	primaryAccountId: z.uuid().nullable(),
	plannedPurgeAt: z.date().nullable(),
	twoFactorEnabled: z.boolean(),
	twoFactorType: z.enum(TWO_FACTOR_TYPES).nullable(),
	version: z.number().int(),
	createdAt: z.date(),
	updatedAt: z.date(),
	lastSignInAt: z.date().nullable(),
	passwordChangedAt: z.date().nullable(),
});
export type User = z.output<typeof ZUser>;

/** The signed-in user's view of themselves: the user plus tenant, roles and held permissions. */
export const ZOwnProfile = ZUser.extend({
	tenantSlug: z.string(),
	tenantName: z.string(),
	/** Every permission the user's roles grant, in any context. */
	permissions: z.array(z.string()),
	/**
	 * The permissions held for the whole tenant: what tenant-wide pages (the audit log) and defining
	 * roles need. The portal uses both lists only to show or hide; the API decides.
	 */
	tenantPermissions: z.array(z.string()),
	/** Steps the user must complete before the session can do anything else. */
	requiredActions: z.array(z.enum(REQUIRED_ACTIONS)),
	roles: z.array(
		z.object({
			roleKey: z.string(),
			roleName: z.string(),
			contextType: z.enum(CONTEXT_TYPES),
			contextId: z.uuid(),
			appliesToSubAccounts: z.boolean(),
		}),
	),
});
export type OwnProfile = z.output<typeof ZOwnProfile>;

export function userRowToUser(row: UserViewRecord): User {
	return {
		id: row.id,
		tenantId: row.tenant_id,
		userType: row.user_type,
		state: row.state,
		email: row.email,
		emailVerified: row.email_verified,
		phone: row.phone,
		phoneVerified: row.phone_verified,
		firstName: row.first_name,
		lastName: row.last_name,
		username: row.username,
		language: row.language,
		timeZone: row.time_zone,
		primaryAccountId: row.primary_account_id,
		plannedPurgeAt: row.planned_purge_at,
		twoFactorEnabled: row.two_factor_enabled,
		twoFactorType: row.two_factor_type,
		version: row.version,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		lastSignInAt: row.last_sign_in_at,
		passwordChangedAt: row.password_changed_at,
	};
}
