import { trpc } from "../../../trpc";

/** "Forgot password?": always answers the same, whether or not the address has an account. */
export function useRequestPasswordReset() {
	return trpc.auth.passwordReset.request.useMutation();
}

/**
 * What the reset page shows before the new password is chosen. A mutation on purpose: the token
 * travels in a POST body, never in a URL a server or proxy might log.
 */
export function usePasswordResetLookup() {
	return trpc.auth.passwordReset.lookup.useMutation();
}

/** Sets the new password with the link's token; no session is created. */
export function useCompletePasswordReset() {
	return trpc.auth.passwordReset.complete.useMutation();
}
