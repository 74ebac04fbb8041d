import { ZListInvitationsInput, ZListInvitationsOutput } from "@tessera/core/invitations/invitation.schema";
import { listInvitations } from "@tessera/core/invitations/invitation.service";
import { permissionProcedure } from "../../trpc";

/** The invitations the caller may manage (their tenant, accounts or spaces), newest first. */
export const list = permissionProcedure("invitations.manage")
	.input(ZListInvitationsInput)
	.output(ZListInvitationsOutput)
	.query(({ ctx, input }) => listInvitations(ctx, ctx.actor, input));
