import { ZSendPasswordResetInput } from "@tessera/core/auth/password-reset.schema";
import { sendPasswordResetByAdmin } from "@tessera/core/auth/password-reset.service";
import { ZOkOutput } from "@tessera/core/shared/common.schema";
import { permissionProcedure } from "../../trpc";
import { publicOriginOf } from "../invitations/public-origin";

/**
 * An administrator emails a user a password reset link. users.security is checked in core on the
 * user (with the privilege hierarchy); the administrator never sees the token or the password.
 */
export const sendPasswordReset = permissionProcedure("users.security")
	.input(ZSendPasswordResetInput)
	.output(ZOkOutput)
	.mutation(({ ctx, input }) =>
		sendPasswordResetByAdmin(ctx, ctx.actor, input.userId, { publicOrigin: publicOriginOf(ctx) }, ctx.meta),
	);
