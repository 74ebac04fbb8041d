import { ZFlowStateOutput } from "@tessera/core/auth/auth.schema";
import { getFlowState } from "@tessera/core/auth/login-flow.service";
import { publicProcedure } from "../../../trpc";

/** Where the flow in the cookie stands: its stage, the second factors offered, masked destinations. */
export const state = publicProcedure
	.output(ZFlowStateOutput)
	.query(({ ctx }) => getFlowState(ctx, ctx.flow.unverifiedToken));
