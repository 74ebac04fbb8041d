import { completePasskeyRegistration } from "@tessera/core/mfa/mfa-settings.service";
import { ZPasskeyView, ZRegisterPasskeyInput } from "@tessera/core/passkeys/passkey.schema";
import { recentAuthProcedure } from "../../../trpc";

/** Verifies the new credential against the issued options and stores it under its name. */
export const register = recentAuthProcedure
	.meta({ allowWithPendingActions: true })
	.input(ZRegisterPasskeyInput)
	.output(ZPasskeyView)
	.mutation(({ ctx, input }) => completePasskeyRegistration(ctx, ctx.actor, input, ctx.meta));
