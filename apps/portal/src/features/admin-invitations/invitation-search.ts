import { z } from "zod";
import { optionalParam, withoutUndefined } from "../../lib/url-search";
import { INVITATION_STATUSES } from "./invitation-status";

/**
 * The admin invitations page's URL state: `?status=pending`, absent for "all". A status typed by
 * a person or kept in an old bookmark that the API does not know is dropped (the page shows
 * everything) rather than sent to the API to be refused.
 */
export const ZInvitationsSearch = z
	.object({ status: optionalParam(z.enum(INVITATION_STATUSES)) })
	.transform(withoutUndefined);

export type InvitationsSearch = z.output<typeof ZInvitationsSearch>;
