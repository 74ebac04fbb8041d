import { ZLookupInvitationInput, ZLookupInvitationOutput } from "@tessera/core/invitations/invitation.schema";
import { lookupInvitation } from "@tessera/core/invitations/invitation.service";
import { credentialProcedure } from "../../trpc";

/**
 * Public: what the invitation page shows before accepting. Throttled per address like every
 * credential check, since it answers whether a token works. It reads only, but is a mutation on
 * purpose: tRPC sends queries as GET with the input in the URL, and the token must never reach
 * a URL a server or proxy logs (SECURITY I08). A POST body keeps it out.
 */
export const lookup = credentialProcedure
	.input(ZLookupInvitationInput)
	.output(ZLookupInvitationOutput)
	.mutation(({ ctx, input }) => lookupInvitation(ctx, input.token));
