import { type UseMutationOptions, useMutation } from "@tanstack/react-query";
import { hasDomainCode } from "../../../lib/errors";
import { useReauth } from "./reauth-context";

/**
 * A mutation for a sensitive change (SECURITY S09). When the server answers
 * AUTH.REAUTH_REQUIRED, the "Confirm it's you" dialog opens; once the person has proved who they
 * are, `call` runs again by itself, so they never have to click twice. If they cancel, the
 * mutation fails with the original error (whose message says a confirmation is needed).
 *
 * `call` should do the whole action (e.g. options → browser prompt → register), so a retry
 * repeats every step that needs the fresh authentication.
 */
export function useReauthMutation<TVariables = void, TData = unknown>(
	call: (variables: TVariables) => Promise<TData>,
	options: Omit<UseMutationOptions<TData, Error, TVariables>, "mutationFn"> = {},
) {
	const { confirmIdentity } = useReauth();
	return useMutation<TData, Error, TVariables>({
		...options,
		mutationFn: async (variables) => {
			try {
				return await call(variables);
			} catch (error) {
				if (!hasDomainCode(error, "AUTH.REAUTH_REQUIRED")) {
					throw error;
				}
				if (!(await confirmIdentity())) {
					throw error;
				}
				return call(variables);
			}
		},
	});
}
