import { trpc } from "../../../trpc";
import { useNewRecoveryCodes } from "../components/new-recovery-codes";
import { useReauthMutation } from "../reauth/use-reauth-mutation";

/**
 * Starts authenticator-app enrolment: a new secret with its QR code, shown once and inactive
 * until a code from it is confirmed (SECURITY M07).
 */
export function useBeginTotp() {
	const utils = trpc.useUtils();
	return useReauthMutation(() => utils.client.security.totp.begin.mutate());
}

/**
 * Activates the app with a current code; the overview and `me` (two-factor flags) refresh. The
 * recovery codes that come with a first factor are shown before the refresh, which may move the
 * page on.
 */
export function useConfirmTotp() {
	const utils = trpc.useUtils();
	const { reveal } = useNewRecoveryCodes();
	return useReauthMutation((code: string) => utils.client.security.totp.confirm.mutate({ code }), {
		onSuccess: async (answer) => {
			reveal(answer.recoveryCodes);
			await Promise.all([utils.security.invalidate(), utils.me.invalidate()]);
		},
	});
}

/** Removes the authenticator app (refused when policy needs MFA and nothing else would remain). */
export function useRemoveTotp() {
	const utils = trpc.useUtils();
	return useReauthMutation(() => utils.client.security.totp.remove.mutate(), {
		onSuccess: async () => {
			await Promise.all([utils.security.invalidate(), utils.me.invalidate()]);
		},
	});
}
