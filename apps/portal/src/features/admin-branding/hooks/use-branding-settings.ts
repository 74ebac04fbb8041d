import { type RouterInputs, trpc } from "../../../trpc";
import { useReauthMutation } from "../../security/reauth/use-reauth-mutation";

export type BrandingChange = RouterInputs["branding"]["update"];

/**
 * Saves the organisation's branding. The API asks for a recent authentication, as for the security
 * policy, so a session that proved itself too long ago is asked "Confirm it's you" and the save
 * runs again by itself. Every page showing a branding reads it again, so the shell and the sign-in
 * page take the new look at once.
 */
export function useUpdateBranding() {
	const utils = trpc.useUtils();
	return useReauthMutation((change: BrandingChange) => utils.client.branding.update.mutate(change), {
		onSuccess: async () => {
			await utils.branding.get.invalidate();
		},
	});
}
