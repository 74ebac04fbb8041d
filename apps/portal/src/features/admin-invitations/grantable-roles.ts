import type { SelectOption } from "@tessera/ui/select-field";
import { accountChains, accountTreeOptions } from "../../lib/account-tree";
import { type HeldRole, type PermissionTarget, permissionsAt } from "../../lib/held-permissions";
import type { RouterOutputs } from "../../trpc";

type Role = RouterOutputs["roles"]["list"][number];
type ContextType = Role["contextType"];
/** Where the administrator holds invitations.manage (`roles.contexts`). */
export type InviteContexts = RouterOutputs["roles"]["contexts"];

/** A role the invitation may give, in one context. */
export interface RoleChoice {
	/** Stable key for a `<select>` option. */
	value: string;
	roleId: string;
	roleName: string;
	contextType: ContextType;
	contextId: string;
	/** The organisation, account or "account / space" name. */
	contextLabel: string;
}

export interface InviteChoices {
	roles: RoleChoice[];
	/** Primary-account options, sub-accounts indented under their parents. */
	accounts: SelectOption[];
}

/**
 * What the invite form offers. The server lists where the administrator holds
 * invitations.manage (`contexts`): those accounts are the primary-account choices, and a role is
 * offered in one of those contexts when the administrator also holds every permission of the
 * role there (SECURITY L08: nobody hands out more than they have), worked out from their own
 * roles. A hint, not a check: the server decides again.
 */
export function inviteChoices(
	roles: readonly Role[],
	held: readonly HeldRole[],
	contexts: InviteContexts,
	tenantId: string,
): InviteChoices {
	const permissionsByKey = new Map(roles.map((role) => [role.key, role.permissions as readonly string[]]));
	const chainOf = accountChains(contexts.accounts);
	const places: { type: ContextType; id: string; label: string; target: PermissionTarget }[] = [
		...(contexts.tenant
			? [{ type: "tenant" as const, id: contexts.tenant.id, label: contexts.tenant.name, target: { accountChain: [] } }]
			: []),
		...contexts.accounts.map((account) => ({
			type: "account" as const,
			id: account.id,
			label: account.name,
			target: { accountChain: chainOf(account.id) },
		})),
		...contexts.spaces.map((space) => ({
			type: "space" as const,
			id: space.id,
			label: `${space.accountName} / ${space.name}`,
			target: { accountChain: chainOf(space.accountId), spaceId: space.id },
		})),
	];

	const choices: RoleChoice[] = [];
	for (const place of places) {
		const holds = permissionsAt(held, permissionsByKey, tenantId, place.target);
		for (const role of roles) {
			if (role.contextType === place.type && role.permissions.every((permission) => holds.has(permission))) {
				choices.push({
					value: `${role.id}@${place.type}:${place.id}`,
					roleId: role.id,
					roleName: role.name,
					contextType: place.type,
					contextId: place.id,
					contextLabel: place.label,
				});
			}
		}
	}
	const typeOrder: Record<ContextType, number> = { tenant: 0, account: 1, space: 2 };
	choices.sort(
		(a, b) =>
			typeOrder[a.contextType] - typeOrder[b.contextType] ||
			a.contextLabel.localeCompare(b.contextLabel) ||
			a.roleName.localeCompare(b.roleName),
	);
	return { roles: choices, accounts: accountTreeOptions(contexts.accounts) };
}
