import { useState } from "react";
import { joinPages } from "../../../lib/show-more-pages";
import { trpc } from "../../../trpc";
import type { InvitationStatus } from "../invitation-status";

/** Invitations per page; the API allows up to 100. */
export const INVITATIONS_PAGE_SIZE = 25;

interface LoadedCursors {
	status: InvitationStatus | undefined;
	/** The cursor of each page after the first, in order. */
	cursors: string[];
}

/**
 * The invitations the administrator may manage, newest first, optionally of one status, a page
 * at a time: the API pages with an opaque cursor, and "show more" adds the next page. (Not
 * `useInfiniteQuery`: tRPC adds a `direction` field to its input, which the API's strict input
 * refuses.) Changing the status starts again at the first page.
 */
export function useInvitations(status: InvitationStatus | undefined) {
	const [loaded, setLoaded] = useState<LoadedCursors>({ status, cursors: [] });
	const cursors = loaded.status === status ? loaded.cursors : [];
	const pages = trpc.useQueries((t) =>
		[undefined, ...cursors].map((cursor) =>
			t.invitations.list(
				{ limit: INVITATIONS_PAGE_SIZE, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) },
				// Statuses move with the clock (pending → expired): keep the list reasonably fresh.
				{ staleTime: 15_000 },
			),
		),
	);
	const { items, isPending, error, nextCursor, isFetchingNextPage } = joinPages(pages);
	return {
		isPending,
		error,
		items,
		hasNextPage: nextCursor !== null,
		isFetchingNextPage,
		fetchNextPage: () => {
			if (nextCursor) {
				setLoaded({ status, cursors: [...cursors, nextCursor] });
			}
		},
		/** Back to the first page only, e.g. after a new invitation moved every page by one. */
		showFirstPageOnly: () => setLoaded({ status, cursors: [] }),
	};
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
		// Also after a failure: someone may have accepted or revoked it meanwhile.
		onSettled: async () => {
			await utils.invitations.list.invalidate();
		},
	});
}

/** Withdraws an invitation; the never-activated user goes with it. */
export function useRevokeInvitation() {
	const utils = trpc.useUtils();
	return trpc.invitations.revoke.useMutation({
		// Also after a failure: someone may have accepted or revoked it meanwhile.
		onSettled: async () => {
			await utils.invitations.list.invalidate();
		},
	});
}
