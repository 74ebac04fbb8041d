import { ZInvitation, ZInvitationIdInput } from "@tessera/core/invitations/invitation.schema";
import { resendInvitation } from "@tessera/core/invitations/invitation.service";
import { permissionProcedure } from "../../trpc";
import { publicOriginOf } from "./public-origin";

/** Sends a new link (7 fresh days); the previous link stops working. */
export const resend = permissionProcedure("invitations.manage")
	.input(ZInvitationIdInput)
	.output(ZInvitation)
	.mutation(({ ctx, input }) =>
		resendInvitation(ctx, ctx.actor, input.invitationId, { publicOrigin: publicOriginOf(ctx) }, ctx.meta),
	);
