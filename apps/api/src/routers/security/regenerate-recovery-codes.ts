import { ZRecoveryCodesOutput } from "@tessera/core/mfa/mfa.schema";
import { regenerateRecoveryCodes as regenerateCodes } from "@tessera/core/mfa/recovery-codes.service";
import { recentAuthProcedure } from "../../trpc";

/** Ten new single-use codes, shown this once; all earlier codes stop working (SECURITY M14, M16). */
export const regenerateRecoveryCodes = recentAuthProcedure
	.meta({ allowWithPendingActions: true })
	.output(ZRecoveryCodesOutput)
	.mutation(async ({ ctx }) => ({ codes: await regenerateCodes(ctx, ctx.actor, ctx.meta) }));
