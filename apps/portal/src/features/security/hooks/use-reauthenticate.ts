import { useMutation } from "@tanstack/react-query";
import { getPasskeyAssertion } from "../../../lib/webauthn";
import { type RouterInputs, trpc } from "../../../trpc";

export type ReauthProof = RouterInputs["security"]["reauthenticate"];

/**
 * Proves identity again with a password, an app code or a passkey. The server answers with a
 * fresh session cookie; the overview (which says until when the proof holds) is refreshed.
 */
export function useReauthenticate() {
	const utils = trpc.useUtils();
	const onSuccess = () => utils.security.overview.invalidate();
	const withSecret = trpc.security.reauthenticate.useMutation({ onSuccess });
	const withPasskey = useMutation({
		mutationFn: async () => {
			const options = await utils.client.security.reauthPasskeyOptions.mutate();
			const response = await getPasskeyAssertion(options);
			return utils.client.security.reauthPasskeyVerify.mutate({ response });
		},
		onSuccess,
	});
	return { withSecret, withPasskey };
}
