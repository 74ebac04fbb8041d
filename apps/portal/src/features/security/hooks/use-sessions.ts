import { type RouterOutputs, trpc } from "../../../trpc";
import { useReauthMutation } from "../reauth/use-reauth-mutation";

export type SessionView = RouterOutputs["security"]["sessions"]["list"][number];

/** The user's live sessions, most recently active first; the one in this browser is marked. */
export function useSessions() {
	return trpc.security.sessions.list.useQuery(undefined, { staleTime: 10_000 });
}

/** Ends one of the user's other sessions (SECURITY S08). */
export function useRevokeSession() {
	const utils = trpc.useUtils();
	return useReauthMutation((sessionId: string) => utils.client.security.sessions.revoke.mutate({ sessionId }), {
		onSuccess: async () => {
			await utils.security.sessions.invalidate();
		},
	});
}

/** Ends every session of the user except this one. */
export function useRevokeOtherSessions() {
	const utils = trpc.useUtils();
	return useReauthMutation(() => utils.client.security.sessions.revokeOthers.mutate(), {
		onSuccess: async () => {
			await utils.security.sessions.invalidate();
		},
	});
}
