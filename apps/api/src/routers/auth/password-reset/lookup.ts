import { ZLookupPasswordResetInput, ZLookupPasswordResetOutput } from "@tessera/core/auth/password-reset.schema";
import { lookupPasswordReset } from "@tessera/core/auth/password-reset.service";
import { credentialProcedure } from "../../../trpc";

/**
 * Public: what the reset page shows before the new password is chosen. A mutation so the token
 * travels in a POST body, never in a logged URL; throttled, since it answers whether a token works.
 */
export const lookup = credentialProcedure
	.input(ZLookupPasswordResetInput)
	.output(ZLookupPasswordResetOutput)
	.mutation(({ ctx, input }) => lookupPasswordReset(ctx, input.token));
