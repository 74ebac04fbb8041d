import { type RouterInputs, type RouterOutputs, trpc } from "../../../trpc";

export type UserDetail = RouterOutputs["users"]["detail"];
export type DetailUser = UserDetail["user"];
export type RoleAssignment = RouterOutputs["roles"]["assignments"][number];
export type RoleSummary = RouterOutputs["roles"]["list"][number];
export type AssignableGrants = RouterOutputs["roles"]["grantable"];
export type AdminUpdateUserInput = RouterInputs["users"]["update"];
export type AssignRoleInput = RouterInputs["roles"]["assign"];
export type RequiredAction = UserDetail["requiredActions"][number];

/** The user with their security facts, roles and recent events (users.read). */
export function useUserDetail(userId: string) {
	return trpc.users.detail.useQuery({ userId }, { staleTime: 10_000 });
}

/** The user's role assignments with ids and context names (roles.read). */
export function useUserAssignments(userId: string, enabled: boolean) {
	return trpc.roles.assignments.useQuery({ userId }, { enabled, staleTime: 10_000 });
}

/** Roles to offer and where the server says the admin may assign them (roles.manage). */
export function useAssignmentChoices(enabled: boolean) {
	const roles = trpc.roles.list.useQuery(undefined, { enabled, staleTime: 60_000 });
	const grantable = trpc.roles.grantable.useQuery({ purpose: "assign" }, { enabled, staleTime: 60_000 });
	return { roles, grantable };
}

/** The accounts the admin may move users into (users.write there), for the primary-account choice. */
export function usePrimaryAccountChoices(enabled: boolean) {
	return trpc.roles.contexts.useQuery({ permission: "users.write" }, { enabled, staleTime: 60_000, retry: false });
}

/**
 * Everything an action on this page can change lives under `users` and `roles`: refetch only
 * those, so the header, the table at /admin/users and the assignments all show the new state.
 */
function useInvalidateUser() {
	const utils = trpc.useUtils();
	return async () => {
		await Promise.all([utils.users.invalidate(), utils.roles.assignments.invalidate(), utils.roles.list.invalidate()]);
	};
}

/** The admin mutations of this page, each refreshing the user afterwards (and after a failure, which may be a conflict). */
export function useUserMutations() {
	const invalidate = useInvalidateUser();
	const settle = { onSettled: invalidate };
	return {
		update: trpc.users.update.useMutation(settle),
		changeState: trpc.users.changeState.useMutation(settle),
		restore: trpc.users.restore.useMutation(settle),
		setRequiredActions: trpc.users.setRequiredActions.useMutation(settle),
		resetMfa: trpc.users.resetMfa.useMutation(settle),
		revokeSessions: trpc.users.revokeSessions.useMutation(settle),
		unlock: trpc.users.unlock.useMutation(settle),
		sendPasswordReset: trpc.users.sendPasswordReset.useMutation(settle),
		assign: trpc.roles.assign.useMutation(settle),
		unassign: trpc.roles.unassign.useMutation(settle),
	};
}

export type UserMutations = ReturnType<typeof useUserMutations>;
