import { createPasskey } from "../../../lib/webauthn";
import { type RouterOutputs, trpc } from "../../../trpc";
import { useNewRecoveryCodes } from "../components/new-recovery-codes";
import { useReauthMutation } from "../reauth/use-reauth-mutation";

export type Passkey = RouterOutputs["security"]["passkeys"]["list"][number];

/** The signed-in user's passkeys (never key material: name, model, dates, flags). */
export function usePasskeys() {
	return trpc.security.passkeys.list.useQuery(undefined, { staleTime: 10_000 });
}

/**
 * Adds a passkey: creation options from the server (which exclude the ones already registered,
 * SECURITY W09), the browser's prompt, then registration under the chosen name. The whole
 * sequence is retried after a re-authentication. A first factor's recovery codes are shown.
 */
export function useAddPasskey() {
	const utils = trpc.useUtils();
	const { reveal } = useNewRecoveryCodes();
	return useReauthMutation(
		async (name: string) => {
			const options = await utils.client.security.passkeys.registrationOptions.mutate();
			const response = await createPasskey(options);
			return utils.client.security.passkeys.register.mutate({ name, response });
		},
		{
			onSuccess: async (answer) => {
				reveal(answer.recoveryCodes);
				await Promise.all([utils.security.invalidate(), utils.me.invalidate()]);
			},
		},
	);
}

export function useRenamePasskey() {
	const utils = trpc.useUtils();
	return useReauthMutation(
		(input: { passkeyId: string; name: string }) => utils.client.security.passkeys.rename.mutate(input),
		{
			onSuccess: async () => {
				await utils.security.passkeys.invalidate();
			},
		},
	);
}

export function useRemovePasskey() {
	const utils = trpc.useUtils();
	return useReauthMutation((passkeyId: string) => utils.client.security.passkeys.remove.mutate({ passkeyId }), {
		onSuccess: async () => {
			await Promise.all([utils.security.invalidate(), utils.me.invalidate()]);
		},
	});
}
