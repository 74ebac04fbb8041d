import type { RouterInputs, RouterOutputs } from "../../../trpc";
import { trpc } from "../../../trpc";

export type BulkStateTarget = RouterInputs["users"]["bulkChangeState"]["to"];
export type BulkStateResult = RouterOutputs["users"]["bulkChangeState"];

/**
 * Deactivates or reactivates a selection, each user with the version the admin saw. The API
 * answers per user; afterwards the list (and any open user) is read again either way, since
 * some may have changed.
 */
export function useBulkChangeState() {
	const utils = trpc.useUtils();
	return trpc.users.bulkChangeState.useMutation({
		onSettled: async () => {
			await utils.users.invalidate();
		},
	});
}
