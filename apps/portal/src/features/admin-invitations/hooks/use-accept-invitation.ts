import { trpc } from "../../../trpc";

/**
 * What the invitation page shows before accepting. A mutation on purpose: the token travels in
 * a POST body, never in a URL a server or proxy might log (SECURITY I08).
 */
export function useInvitationLookup() {
	return trpc.invitations.lookup.useMutation();
}

/** The invitee chooses a password and becomes an active user; no session is created. */
export function useAcceptInvitation() {
	return trpc.invitations.accept.useMutation();
}
