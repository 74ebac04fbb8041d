import { ZSecurityOverview } from "@tessera/core/mfa/mfa.schema";
import { getSecurityOverview } from "@tessera/core/mfa/mfa-settings.service";
import { authedProcedure } from "../../trpc";

/** The Security page's data: methods, password age, recovery codes left. No secret is in it. */
export const overview = authedProcedure
	.meta({ allowWithPendingActions: true })
	.output(ZSecurityOverview)
	.query(({ ctx }) => getSecurityOverview(ctx, ctx.actor));
