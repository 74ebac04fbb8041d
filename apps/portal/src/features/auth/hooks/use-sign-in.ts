import { trpc } from "../../../trpc";

/**
 * Signs in with organisation, email and password. On success the session cookie is set by the
 * server, and any cached "not signed in" answer for `me` is dropped so the next page loads it.
 */
export function useSignIn() {
	const utils = trpc.useUtils();
	return trpc.auth.signIn.useMutation({
		onSuccess: async () => {
			await utils.me.invalidate();
		},
	});
}
