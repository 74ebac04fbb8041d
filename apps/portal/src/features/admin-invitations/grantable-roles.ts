import type { SelectOption } from "@tessera/ui/select-field";
import { accountTreeOptions } from "../../lib/account-tree";
import type { RouterOutputs } from "../../trpc";

type Role = RouterOutputs["roles"]["list"][number];
type ContextType = Role["contextType"];
/** What the administrator may grant where through an invitation (`roles.grantable`, purpose "invite"). */
export type InviteGrantable = RouterOutputs["roles"]["grantable"];

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
 * What the invite form offers, as the server decided it: the accounts where the administrator
 * may invite are the primary-account choices, and the roles are those the server says they may
 * give in each context (SECURITY L08: nobody hands out more than they have). The role catalogue
 * only names them; a role the catalogue does not show is not offered.
 */
export function inviteChoices(roles: readonly Role[], grantable: InviteGrantable): InviteChoices {
	const { contexts } = grantable;
	const nameOfRole = new Map(roles.map((role) => [role.id, role.name]));
	const labels = new Map<string, string>([
		...(contexts.tenant ? [[`tenant:${contexts.tenant.id}`, contexts.tenant.name] as const] : []),
		...contexts.accounts.map((account) => [`account:${account.id}`, account.name] as const),
		...contexts.spaces.map((space) => [`space:${space.id}`, `${space.accountName} / ${space.name}`] as const),
	]);
	const choices: RoleChoice[] = grantable.grants.flatMap((grant) => {
		const roleName = nameOfRole.get(grant.roleId);
		const contextLabel = labels.get(`${grant.contextType}:${grant.contextId}`);
		if (!grant.allowed || roleName === undefined || contextLabel === undefined) {
			return [];
		}
		return [
			{
				value: `${grant.roleId}@${grant.contextType}:${grant.contextId}`,
				roleId: grant.roleId,
				roleName,
				contextType: grant.contextType,
				contextId: grant.contextId,
				contextLabel,
			},
		];
	});
	const typeOrder: Record<ContextType, number> = { tenant: 0, account: 1, space: 2 };
	choices.sort(
		(a, b) =>
			typeOrder[a.contextType] - typeOrder[b.contextType] ||
			a.contextLabel.localeCompare(b.contextLabel) ||
			a.roleName.localeCompare(b.roleName),
	);
	return { roles: choices, accounts: accountTreeOptions(contexts.accounts) };
}
