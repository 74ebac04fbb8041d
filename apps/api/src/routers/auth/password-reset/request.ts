import { ZRequestPasswordResetInput, ZRequestPasswordResetOutput } from "@tessera/core/auth/password-reset.schema";
import { requestPasswordReset } from "@tessera/core/auth/password-reset.service";
import { credentialProcedure } from "../../../trpc";
import { publicOriginOf } from "../../invitations/public-origin";

/**
 * Public: "Forgot password?". Throttled per client address like sign-in; always `{ ok: true }`,
 * whether or not the address belongs to anyone (SECURITY A16). Core caps mails per account.
 */
export const request = credentialProcedure
	.input(ZRequestPasswordResetInput)
	.output(ZRequestPasswordResetOutput)
	.mutation(({ ctx, input }) => requestPasswordReset(ctx, input, { publicOrigin: publicOriginOf(ctx) }, ctx.meta));
