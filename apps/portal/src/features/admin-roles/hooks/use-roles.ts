import { type RouterInputs, trpc } from "../../../trpc";

/** Every role of the tenant, built-in and custom, with permissions and assignment counts. */
export function useRoles(options: { enabled?: boolean } = {}) {
	return trpc.roles.list.useQuery(undefined, { staleTime: 10_000, enabled: options.enabled ?? true });
}

/** The permission catalogue roles are built from (it changes only with a release). */
export function usePermissionCatalogue() {
	return trpc.roles.permissions.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
}

/** Up to `limit` users (that the viewer may read) holding the role, with the total. Needs users.read. */
export function useRoleHolders(roleKey: string, options: { enabled: boolean; limit: number }) {
	return trpc.users.list.useQuery(
		{ roleKeys: [roleKey], sort: "name", direction: "asc", limit: options.limit },
		{ enabled: options.enabled, staleTime: 10_000 },
	);
}

export function useCreateRole() {
	const utils = trpc.useUtils();
	return trpc.roles.create.useMutation({
		onSuccess: async () => {
			await utils.roles.invalidate();
		},
	});
}

export type UpdateRoleInput = RouterInputs["roles"]["update"];

export function useUpdateRole() {
	const utils = trpc.useUtils();
	return trpc.roles.update.useMutation({
		onSuccess: async () => {
			// A changed role changes what its holders may do, including the viewer.
			await Promise.all([utils.roles.invalidate(), utils.me.invalidate()]);
		},
	});
}

export function useDeleteRole() {
	const utils = trpc.useUtils();
	return trpc.roles.delete.useMutation({
		onSuccess: async () => {
			await Promise.all([utils.roles.invalidate(), utils.users.invalidate(), utils.me.invalidate()]);
		},
	});
}
