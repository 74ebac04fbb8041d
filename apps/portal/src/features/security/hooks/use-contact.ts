import { trpc } from "../../../trpc";
import { useReauthMutation } from "../reauth/use-reauth-mutation";

async function refresh(utils: ReturnType<typeof trpc.useUtils>) {
	await Promise.all([utils.security.invalidate(), utils.me.invalidate()]);
}

/** Sends a code to the current email address, to verify it. */
export function useSendEmailVerification() {
	const utils = trpc.useUtils();
	return useReauthMutation(() => utils.client.security.email.sendVerification.mutate());
}

/** Sends a code to a new email address; nothing changes until it is confirmed (SECURITY L10). */
export function useRequestEmailChange() {
	const utils = trpc.useUtils();
	return useReauthMutation((email: string) => utils.client.security.email.requestChange.mutate({ email }));
}

/** Confirms the code last sent for the email address: it becomes the verified address. */
export function useConfirmEmail() {
	const utils = trpc.useUtils();
	return useReauthMutation((code: string) => utils.client.security.email.confirm.mutate({ code }), {
		onSuccess: () => refresh(utils),
	});
}

/** Sends an SMS code to a new mobile number (a new authenticator binding: re-authentication needed). */
export function useRequestPhoneChange() {
	const utils = trpc.useUtils();
	return useReauthMutation((phone: string) => utils.client.security.phone.requestChange.mutate({ phone }));
}

/** Confirms the SMS code: the number becomes the verified mobile number. */
export function useConfirmPhone() {
	const utils = trpc.useUtils();
	return useReauthMutation((code: string) => utils.client.security.phone.confirm.mutate({ code }), {
		onSuccess: () => refresh(utils),
	});
}
