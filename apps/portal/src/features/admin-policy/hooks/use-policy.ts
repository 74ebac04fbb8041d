import { type RouterInputs, trpc } from "../../../trpc";
import { useReauthMutation } from "../../security/reauth/use-reauth-mutation";

/** The tenant's whole security policy (fields it never set read as the defaults). */
export function usePolicy() {
	return trpc.policy.get.useQuery();
}

export type PolicyPatch = RouterInputs["policy"]["update"];

/**
 * Saves a change to the policy. The API asks for a recent authentication (S09), so a session
 * that proved itself too long ago is asked "Confirm it's you" and the save runs again by itself.
 * The answer is the whole policy after the change; what depends on it (the viewer's own password
 * rules and MFA obligations) is read again.
 */
export function useUpdatePolicy() {
	const utils = trpc.useUtils();
	return useReauthMutation((patch: PolicyPatch) => utils.client.policy.update.mutate(patch), {
		onSuccess: async (policy) => {
			utils.policy.get.setData(undefined, policy);
			await Promise.all([utils.me.invalidate(), utils.security.invalidate()]);
		},
	});
}
