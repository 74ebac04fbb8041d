import { trpc } from "../../../trpc";
import { useReauthMutation } from "../reauth/use-reauth-mutation";

/** Ten new single-use codes, returned this once; every earlier code stops working (SECURITY M16). */
export function useRegenerateRecoveryCodes() {
	const utils = trpc.useUtils();
	return useReauthMutation(() => utils.client.security.regenerateRecoveryCodes.mutate(), {
		onSuccess: async () => {
			await utils.security.overview.invalidate();
		},
	});
}
