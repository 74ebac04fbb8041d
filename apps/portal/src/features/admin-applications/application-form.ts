import type { ZCreateApplicationUserInput, ZIssueApiKeyInput } from "@tessera/core/apikeys/apikey.schema";
import type { z } from "zod";
import type { RouterOutputs } from "../../trpc";

export type ApplicationUser = RouterOutputs["apiKeys"]["listApplicationUsers"]["items"][number];
export type ApiKey = RouterOutputs["apiKeys"]["list"][number];
type Role = RouterOutputs["roles"]["list"][number];
/** What the administrator may grant where (`roles.grantable`, purpose "applicationUser"). */
export type ApplicationGrantable = RouterOutputs["roles"]["grantable"];

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
 * the server says the administrator could not grant it there (`grantable`): without roles.manage
 * there, or without every permission of the role there (SECURITY Z03).
 */
export function grantableRoles(
	roles: readonly Role[],
	grantable: ApplicationGrantable,
	primaryAccountId: string | null,
): GrantableRole[] {
	const blockAt = (role: Role, contextId: string | null): RoleBlock => {
		if (contextId === null) {
			return "needsAccount";
		}
		const grant = grantable.grants.find(
			(item) => item.roleId === role.id && item.contextType === role.contextType && item.contextId === contextId,
		);
		// No entry: the administrator holds roles.manage nowhere that reaches this context.
		if (!grant || grant.reason === "not_manager") {
			return "noRolesManage";
		}
		return grant.allowed ? null : "notHeld";
	};
	const tenantId = grantable.contexts.tenant?.id ?? null;
	return [
		...roles
			.filter((role) => role.contextType === "tenant")
			.map((role) => ({ role, block: tenantId === null ? ("noRolesManage" as const) : blockAt(role, tenantId) })),
		...roles
			.filter((role) => role.contextType === "account")
			.map((role) => ({ role, block: blockAt(role, primaryAccountId) })),
	];
}

/** What the create form sends from: the account as chosen ("" for none) and the ticked role keys. */
export interface CreateApplicationValues {
	name: string;
	username: string;
	primaryAccountId: string;
	roleKeys: string[];
}

/**
 * The create input for the form's values: an empty username or account is left out (the server
 * keeps it unset), and a role that cannot be given for the chosen account is not sent, even if it
 * was ticked before. The form checks it with the procedure's own schema, `ZCreateApplicationUserInput`.
 */
export function buildCreateApplicationUserInput(
	values: CreateApplicationValues,
	offered: readonly { role: Pick<Role, "key">; block: RoleBlock }[],
): z.input<typeof ZCreateApplicationUserInput> {
	const username = values.username.trim();
	return {
		name: values.name,
		...(username ? { username } : {}),
		...(values.primaryAccountId ? { primaryAccountId: values.primaryAccountId } : {}),
		roleKeys: values.roleKeys.filter((key) => offered.some(({ role, block }) => role.key === key && block === null)),
	};
}

/** What the issue-key form holds. */
export interface IssueKeyValues {
	name: string;
	expiry: ExpiryChoice;
}

/** The issue input for the form's values at `now`; `ZIssueApiKeyInput` checks it. */
export function buildIssueApiKeyInput(
	userId: string,
	values: IssueKeyValues,
	now: Date,
): z.input<typeof ZIssueApiKeyInput> {
	const expiresAt = expiryDate(values.expiry, now);
	return { userId, name: values.name, ...(expiresAt ? { expiresAt } : {}) };
}
