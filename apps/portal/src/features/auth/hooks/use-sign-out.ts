import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "@tanstack/react-router";
import { applyUserLanguage } from "../../../i18n/i18n";
import { forgetUserData } from "../../../lib/forget-user-data";
import { trpc } from "../../../trpc";

/**
 * Ends the session, then leaves for the sign-in page and forgets every cached answer about the
 * user (`forgetUserData`), so nothing
 * of theirs stays in memory for the next person at the keyboard.
 */
export function useSignOut() {
	const queryClient = useQueryClient();
	const router = useRouter();
	return trpc.auth.signOut.useMutation({
		onSuccess: async () => {
			await router.navigate({ to: "/sign-in" });
			forgetUserData(queryClient);
			await applyUserLanguage(null);
		},
	});
}
