import { type RouterInputs, trpc } from "../../../trpc";
import { useNewRecoveryCodes } from "../components/new-recovery-codes";
import { useReauthMutation } from "../reauth/use-reauth-mutation";

type MfaMethod = RouterInputs["security"]["mfa"]["setPreferred"]["method"];

/** Chooses which second factor sign-in asks for first. */
export function useSetPreferredMethod() {
	const utils = trpc.useUtils();
	return useReauthMutation((method: MfaMethod) => utils.client.security.mfa.setPreferred.mutate({ method }), {
		onSuccess: async () => {
			await Promise.all([utils.security.invalidate(), utils.me.invalidate()]);
		},
	});
}

/**
 * Turns SMS or email codes on or off as a second factor (a verified number or address is needed);
 * shows the recovery codes a first factor brings.
 */
export function useSetCodeChannel() {
	const utils = trpc.useUtils();
	const { reveal } = useNewRecoveryCodes();
	return useReauthMutation(
		(input: RouterInputs["security"]["mfa"]["setChannel"]) => utils.client.security.mfa.setChannel.mutate(input),
		{
			onSuccess: async (answer) => {
				reveal(answer.recoveryCodes);
				await Promise.all([utils.security.invalidate(), utils.me.invalidate()]);
			},
		},
	);
}
