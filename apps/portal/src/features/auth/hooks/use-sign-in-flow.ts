import { useMutation } from "@tanstack/react-query";
import { getPasskeyAssertion } from "../../../lib/webauthn";
import { trpc } from "../../../trpc";
import { useForgetAnonymousMe } from "./use-sign-in";

/**
 * The current sign-in step as the server sees it (methods, masked code destinations). Also
 * answers after a reload, so an open step can be resumed; fails with AUTH.LOGIN_FLOW_EXPIRED
 * when there is none.
 */
export function useSignInFlowState(options: { enabled?: boolean } = {}) {
	return trpc.auth.flow.state.useQuery(undefined, {
		enabled: options.enabled ?? true,
		retry: false,
		staleTime: 0,
		refetchOnWindowFocus: false,
	});
}

/** Sends a sign-in code by SMS or email for this sign-in. */
export function useSendSignInCode() {
	return trpc.auth.flow.sendCode.useMutation();
}

/** Answers the second-factor step with a code (app, SMS, email or recovery code). */
export function useVerifySignInCode() {
	const onSuccess = useForgetAnonymousMe();
	return trpc.auth.flow.verifyCode.useMutation({ onSuccess });
}

/** Answers the second-factor step with a passkey: options, the browser prompt, then verification. */
export function usePasskeySecondFactor() {
	const utils = trpc.useUtils();
	const onSuccess = useForgetAnonymousMe();
	return useMutation({
		mutationFn: async () => {
			const options = await utils.client.auth.flow.passkeyOptions.mutate();
			const response = await getPasskeyAssertion(options);
			return utils.client.auth.flow.verifyPasskey.mutate({ response });
		},
		onSuccess,
	});
}

/** Sets a new password when sign-in demands one (expired or reset by an administrator). */
export function useChangePasswordInFlow() {
	const onSuccess = useForgetAnonymousMe();
	return trpc.auth.flow.changePassword.useMutation({ onSuccess });
}

/**
 * Passwordless sign-in with a discoverable passkey: options for the organisation, the browser's
 * passkey prompt, then verification. A passkey with user verification is a complete
 * multi-factor sign-in, so the answer is usually a session.
 */
export function usePasskeySignIn() {
	const utils = trpc.useUtils();
	const onSuccess = useForgetAnonymousMe();
	return useMutation({
		mutationFn: async (tenant: string) => {
			const options = await utils.client.auth.passkey.options.mutate({ tenant });
			const response = await getPasskeyAssertion(options);
			return utils.client.auth.passkey.verify.mutate({ tenant, response });
		},
		onSuccess,
	});
}
