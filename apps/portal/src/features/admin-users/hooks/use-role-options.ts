import { trpc } from "../../../trpc";

export interface RoleOption {
	key: string;
	name: string;
}

/**
 * The tenant's roles for the role filter and the roles column, when the admin may read roles
 * (`roles.read`); otherwise the list shows role keys and offers no role filter.
 */
export function useRoleOptions(canReadRoles: boolean): RoleOption[] | null {
	const roles = trpc.roles.list.useQuery(undefined, { enabled: canReadRoles, staleTime: 60_000 });
	if (!canReadRoles || !roles.data) {
		return null;
	}
	return roles.data.map((role) => ({ key: role.key, name: role.name })).sort((a, b) => a.name.localeCompare(b.name));
}
