import { trpc } from "../../../trpc";
import type { SignInResult } from "../sign-in-result";

/**
 * Forgets any cached "not signed in" answer for `me` once a step ends in a session, so the next
 * page loads the signed-in user.
 */
export function useForgetAnonymousMe() {
	const utils = trpc.useUtils();
	return async (result: SignInResult) => {
		if (result.status === "signed_in") {
			await utils.me.invalidate();
		}
	};
}

/**
 * Signs in with organisation, email and password. The answer is a session (cookie set by the
 * server) or the next step (a flow cookie that grants only that step).
 */
export function useSignIn() {
	const onSuccess = useForgetAnonymousMe();
	return trpc.auth.signIn.useMutation({ onSuccess });
}
