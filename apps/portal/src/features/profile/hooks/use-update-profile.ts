import { applyUserLanguage } from "../../../i18n/i18n";
import { hasDomainCode, readApiError } from "../../../lib/errors";
import { type RouterInputs, trpc } from "../../../trpc";

export type UpdateProfileInput = RouterInputs["me"]["updateProfile"];

/**
 * Saves profile fields under optimistic locking (the input names the version it read). On
 * success the cached `me` is replaced by the server's answer, which also updates the header,
 * and the UI switches to the saved language at once.
 */
export function useUpdateProfile() {
	const utils = trpc.useUtils();
	const mutation = trpc.me.updateProfile.useMutation({
		onSuccess: async (updated) => {
			// The answer is the whole fresh profile: writing it is more precise than a refetch.
			utils.me.get.setData(undefined, updated);
			await applyUserLanguage(updated.language);
		},
	});
	const error = mutation.error;
	return {
		save: mutation.mutate,
		reset: mutation.reset,
		isSaving: mutation.isPending,
		isSaved: mutation.isSuccess,
		error,
		/** Someone else saved first; the form should offer to reload instead of retrying blindly. */
		isConflict: error !== null && hasDomainCode(error, "USER.VERSION_CONFLICT"),
		/** What the server found wrong per input field (codes with limits), empty when nothing. */
		fieldIssues: error === null ? {} : readApiError(error).fieldIssues,
	};
}
