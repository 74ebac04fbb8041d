import { trpc } from "../../../trpc";
import { hasPermission, PERMISSIONS } from "../../auth/permissions";
import type { Me } from "../../profile/hooks/use-me";
import { type HeldRole, type InviteChoices, inviteChoices } from "../grantable-roles";

const NO_CHOICES: InviteChoices = { roles: [], accounts: [] };

/**
 * The roles and accounts the invite form offers. It needs the role catalogue (roles.read); the
 * names of the administrator's own accounts and spaces come from their assignments, and when
 * those cannot be read the contexts are still offered, without a name.
 */
export function useInviteChoices(me: Me) {
	const canReadRoles = hasPermission(me, PERMISSIONS.rolesRead);
	const roles = trpc.roles.list.useQuery(undefined, { enabled: canReadRoles, staleTime: 60_000 });
	const own = trpc.roles.assignments.useQuery(
		{ userId: me.id },
		{ enabled: canReadRoles, staleTime: 60_000, retry: false },
	);
	if (!canReadRoles) {
		return { canChooseRoles: false, isPending: false, error: null, choices: NO_CHOICES };
	}
	const held: HeldRole[] = me.roles.map((role) => ({
		roleKey: role.roleKey,
		contextType: role.contextType,
		contextId: role.contextId,
		contextLabel:
			own.data?.find(
				(assignment) => assignment.contextType === role.contextType && assignment.contextId === role.contextId,
			)?.contextLabel ?? null,
	}));
	return {
		canChooseRoles: true,
		// The names are a nicety: wait for the catalogue only.
		isPending: roles.isPending || own.isPending,
		error: roles.error,
		choices: roles.data ? inviteChoices(roles.data, held, { id: me.tenantId, name: me.tenantName }) : NO_CHOICES,
	};
}
