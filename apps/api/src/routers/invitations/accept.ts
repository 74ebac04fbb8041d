import { ZAcceptInvitationInput, ZAcceptInvitationOutput } from "@tessera/core/invitations/invitation.schema";
import { acceptInvitation } from "@tessera/core/invitations/invitation.service";
import { credentialProcedure } from "../../trpc";

/**
 * Public: the invitee sets a password and becomes an active user. Throttled per address. No
 * session is created here; the portal signs in with the new password next.
 */
export const accept = credentialProcedure
	.input(ZAcceptInvitationInput)
	.output(ZAcceptInvitationOutput)
	.mutation(({ ctx, input }) => acceptInvitation(ctx, input, ctx.meta));
