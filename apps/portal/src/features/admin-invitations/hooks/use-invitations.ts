import { trpc } from "../../../trpc";
import type { InvitationStatus } from "../invitation-status";

/** Invitations per page; the API allows up to 100. */
export const INVITATIONS_PAGE_SIZE = 25;

/**
 * The invitations the administrator may manage, newest first, optionally of one status, a page
 * at a time (the API pages with an opaque cursor; "show more" fetches the next page).
 */
export function useInvitations(status: InvitationStatus | undefined) {
	return trpc.invitations.list.useInfiniteQuery(
		{ status, limit: INVITATIONS_PAGE_SIZE },
		{
			getNextPageParam: (page) => page.nextCursor ?? undefined,
			// Statuses move with the clock (pending → expired): keep the list reasonably fresh.
			staleTime: 15_000,
		},
	);
}

/** Invites a person by email; the list shows the new invitation afterwards. */
export function useCreateInvitation() {
	const utils = trpc.useUtils();
	return trpc.invitations.create.useMutation({
		onSuccess: async () => {
			await utils.invitations.list.invalidate();
		},
	});
}

/** Sends a new link (7 fresh days); the previous link stops working. */
export function useResendInvitation() {
	const utils = trpc.useUtils();
	return trpc.invitations.resend.useMutation({
		onSuccess: async () => {
			await utils.invitations.list.invalidate();
		},
	});
}

/** Withdraws an invitation; the never-activated user goes with it. */
export function useRevokeInvitation() {
	const utils = trpc.useUtils();
	return trpc.invitations.revoke.useMutation({
		onSuccess: async () => {
			await utils.invitations.list.invalidate();
		},
	});
}
