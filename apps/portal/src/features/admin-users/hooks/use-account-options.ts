import type { SelectOption } from "@tessera/ui/select-field";
import { accountTreeOptions } from "../../../lib/account-tree";
import { trpc } from "../../../trpc";

/**
 * The accounts whose users the admin may read (users.read there), as a tree of select options.
 * Read once a minute at most: accounts change rarely.
 */
export function useAccountOptions(): { options: SelectOption[]; isPending: boolean; error: unknown } {
	const contexts = trpc.roles.contexts.useQuery({ permission: "users.read" }, { staleTime: 60_000, retry: false });
	return {
		options: contexts.data ? accountTreeOptions(contexts.data.accounts) : [],
		isPending: contexts.isPending,
		error: contexts.error,
	};
}
