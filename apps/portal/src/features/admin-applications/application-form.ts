import { type HeldRole, permissionsAt } from "../../lib/held-permissions";
import type { RouterOutputs } from "../../trpc";

export type ApplicationUser = RouterOutputs["apiKeys"]["listApplicationUsers"]["items"][number];
export type ApiKey = RouterOutputs["apiKeys"]["list"][number];
type Role = RouterOutputs["roles"]["list"][number];

/** How long a new key lives: a few fixed choices, in days, or no expiry. */
export const EXPIRY_CHOICES = ["never", "30", "90", "180", "365"] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];

export function isExpiryChoice(value: string): value is ExpiryChoice {
	return (EXPIRY_CHOICES as readonly string[]).includes(value);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a key issued `now` with this choice stops working; undefined for no expiry. */
export function expiryDate(choice: ExpiryChoice, now: Date): Date | undefined {
	return choice === "never" ? undefined : new Date(now.getTime() + Number(choice) * DAY_MS);
}

/** Why a role cannot be given to a new application user by this administrator, or null if it can. */
export type RoleBlock = "noRolesManage" | "notHeld" | "needsAccount" | null;

export interface GrantableRole {
	role: Role;
	block: RoleBlock;
}

/**
 * The roles offered when creating an application user, as the API assigns them: organisation
 * roles in the tenant, account roles in the chosen primary account (none without one); space
 * roles need a space and are given later on the user's page. A role is offered but disabled when
 * the administrator could not grant it there: without roles.manage, or without every permission
 * of the role (the API refuses both, SECURITY Z03), worked out from their own roles.
 *
 * `primaryAccountChain` is the chosen account and its ancestors, nearest first; null for none.
 */
export function grantableRoles(
	roles: readonly Role[],
	held: readonly HeldRole[],
	tenantId: string,
	primaryAccountChain: readonly string[] | null,
): GrantableRole[] {
	const permissionsByKey = new Map(roles.map((role) => [role.key, role.permissions as readonly string[]]));
	const atTenant = permissionsAt(held, permissionsByKey, tenantId, { accountChain: [] });
	const atAccount = primaryAccountChain
		? permissionsAt(held, permissionsByKey, tenantId, { accountChain: primaryAccountChain })
		: null;
	const blockAt = (role: Role, permissions: ReadonlySet<string> | null): RoleBlock =>
		!permissions
			? "needsAccount"
			: !permissions.has("roles.manage")
				? "noRolesManage"
				: role.permissions.every((permission) => permissions.has(permission))
					? null
					: "notHeld";
	return [
		...roles.filter((role) => role.contextType === "tenant").map((role) => ({ role, block: blockAt(role, atTenant) })),
		...roles
			.filter((role) => role.contextType === "account")
			.map((role) => ({ role, block: blockAt(role, atAccount) })),
	];
}

export type ApplicationFormProblem = "nameRequired" | "nameTooLong" | "usernameInvalid";

const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

/**
 * Quick checks before sending (the API checks again and has the last word): a name of 1–100
 * characters, and an optional username of 3–64 letters, digits, dots, dashes and underscores.
 */
export function checkApplicationForm(values: { name: string; username: string }): {
	name?: ApplicationFormProblem;
	username?: ApplicationFormProblem;
} {
	const name = values.name.trim();
	const username = values.username.trim();
	return {
		...(name === ""
			? { name: "nameRequired" as const }
			: [...name].length > 100
				? { name: "nameTooLong" as const }
				: {}),
		...(username !== "" && !USERNAME_PATTERN.test(username) ? { username: "usernameInvalid" as const } : {}),
	};
}
