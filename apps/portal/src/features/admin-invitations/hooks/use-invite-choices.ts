import { trpc } from "../../../trpc";
import { hasPermission, PERMISSIONS } from "../../auth/permissions";
import type { Me } from "../../profile/hooks/use-me";
import { type InviteChoices, inviteChoices } from "../grantable-roles";

const NO_CHOICES: InviteChoices = { roles: [], accounts: [] };

/**
 * The primary accounts and roles the invite form offers. Where the administrator may invite
 * comes from the server (`roles.contexts` for invitations.manage, so a tenant administrator sees
 * every account); roles need the role catalogue (roles.read) as well.
 */
export function useInviteChoices(me: Me) {
	const canReadRoles = hasPermission(me, PERMISSIONS.rolesRead);
	const contexts = trpc.roles.contexts.useQuery(
		{ permission: "invitations.manage" },
		{ staleTime: 60_000, retry: false },
	);
	const roles = trpc.roles.list.useQuery(undefined, { enabled: canReadRoles, staleTime: 60_000 });
	const catalogue = canReadRoles ? roles.data : [];
	return {
		canChooseRoles: canReadRoles,
		isPending: contexts.isPending || (canReadRoles && roles.isPending),
		error: contexts.error ?? (canReadRoles ? roles.error : null),
		choices: contexts.data && catalogue ? inviteChoices(catalogue, me.roles, contexts.data, me.tenantId) : NO_CHOICES,
	};
}
