import { ZInvitationIdInput, ZRevokeInvitationOutput } from "@tessera/core/invitations/invitation.schema";
import { revokeInvitation } from "@tessera/core/invitations/invitation.service";
import { permissionProcedure } from "../../trpc";

/** Withdraws a pending invitation; the never-activated user is removed and the email is free again. */
export const revoke = permissionProcedure("invitations.manage")
	.input(ZInvitationIdInput)
	.output(ZRevokeInvitationOutput)
	.mutation(({ ctx, input }) => revokeInvitation(ctx, ctx.actor, input.invitationId, ctx.meta));
