import { trpc } from "../../../trpc";
import { useRoleName } from "../../admin-roles/hooks/use-role-label";
import { hasPermission, PERMISSIONS } from "../../auth/permissions";
import type { Me } from "../../profile/hooks/use-me";
import { type InviteChoices, inviteChoices } from "../grantable-roles";

const NO_CHOICES: InviteChoices = { roles: [], accounts: [] };

/**
 * The primary accounts and roles the invite form offers. Where the administrator may invite
 * and which roles it may give there come from the server (`roles.grantable` for invitations);
 * naming the roles needs the role catalogue (roles.read) as well.
 */
export function useInviteChoices(me: Me) {
	const canReadRoles = hasPermission(me, PERMISSIONS.rolesRead);
	const grantable = trpc.roles.grantable.useQuery({ purpose: "invite" }, { staleTime: 60_000, retry: false });
	const roles = trpc.roles.list.useQuery(undefined, { enabled: canReadRoles, staleTime: 60_000 });
	const roleName = useRoleName();
	const catalogue = canReadRoles ? roles.data?.map((role) => ({ ...role, name: roleName(role) })) : [];
	return {
		canChooseRoles: canReadRoles,
		isPending: grantable.isPending || (canReadRoles && roles.isPending),
		error: grantable.error ?? (canReadRoles ? roles.error : null),
		choices: grantable.data && catalogue ? inviteChoices(catalogue, grantable.data) : NO_CHOICES,
	};
}
