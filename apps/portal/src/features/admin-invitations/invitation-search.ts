import { type InvitationStatus, isInvitationStatus } from "./invitation-status";

/** The admin invitations page's URL state: `?status=pending`, absent for "all". */
export interface InvitationsSearch {
	status?: InvitationStatus;
}

/**
 * Reads the page's search params as typed by a person or an old bookmark: an unknown status is
 * dropped (the page shows everything) rather than sent to the API to be refused.
 */
export function parseInvitationsSearch(search: Record<string, unknown>): InvitationsSearch {
	return isInvitationStatus(search.status) ? { status: search.status } : {};
}
