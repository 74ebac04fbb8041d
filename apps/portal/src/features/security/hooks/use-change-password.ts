import { trpc } from "../../../trpc";

/**
 * Changes the password with the current one as proof (a wrong one counts toward lockout). The
 * server ends every other session, so the sessions list and password dates are refreshed.
 */
export function useChangePassword() {
	const utils = trpc.useUtils();
	return trpc.security.changePassword.useMutation({
		onSuccess: async () => {
			await Promise.all([utils.security.invalidate(), utils.me.invalidate()]);
		},
	});
}
