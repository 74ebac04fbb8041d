import { regenerateRecoveryCodes } from "@tessera/core/mfa/recovery-codes.service";
import { z } from "zod";
import { recentAuthProcedure } from "../../trpc";

/** Ten new single-use codes, shown this once; all earlier codes stop working (SECURITY M14, M16). */
export const regenerateRecoveryCodesProcedure = recentAuthProcedure
	.meta({ allowWithPendingActions: true })
	.output(z.object({ codes: z.array(z.string()) }))
	.mutation(async ({ ctx }) => ({ codes: await regenerateRecoveryCodes(ctx, ctx.actor, ctx.meta) }));
