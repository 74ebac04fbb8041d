import { ZCreateInvitationInput, ZInvitation } from "@tessera/core/invitations/invitation.schema";
import { createInvitation } from "@tessera/core/invitations/invitation.service";
import { permissionProcedure } from "../../trpc";
import { publicOriginOf } from "./public-origin";

/**
 * Invites a person by email: a user in state `create`, a single-use link by email, optionally a
 * role in a context. invitations.manage (and the role's permissions) are checked in core against
 * the contexts the invitation touches. The token is never returned: it exists only in the email.
 */
export const create = permissionProcedure("invitations.manage")
	.input(ZCreateInvitationInput)
	.output(ZInvitation)
	.mutation(({ ctx, input }) =>
		createInvitation(ctx, ctx.actor, input, { publicOrigin: publicOriginOf(ctx) }, ctx.meta),
	);
