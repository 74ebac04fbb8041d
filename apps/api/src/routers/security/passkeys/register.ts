import { ZRegisterPasskeyOutput } from "@tessera/core/mfa/mfa.schema";
import { completePasskeyRegistration } from "@tessera/core/mfa/mfa-settings.service";
import { ZRegisterPasskeyInput } from "@tessera/core/passkeys/passkey.schema";
import { recentAuthProcedure } from "../../../trpc";

/**
 * Verifies the new credential against the issued options and stores it under its name; the
 * first second factor brings recovery codes.
 */
export const register = recentAuthProcedure
	.meta({ allowWithPendingActions: true })
	.input(ZRegisterPasskeyInput)
	.output(ZRegisterPasskeyOutput)
	.mutation(({ ctx, input }) => completePasskeyRegistration(ctx, ctx.actor, input, ctx.meta));
