import { ZOwnActivityInput, ZOwnActivityOutput } from "@tessera/core/audit/own-activity.schema";
import { listOwnActivity } from "@tessera/core/audit/own-activity.service";
import { authedProcedure } from "../../trpc";

/**
 * The caller's own activity, newest first: sign-ins, failed attempts, security changes, ended
 * sessions. Only events about the caller; nobody else is named. People only (a key caller is
 * refused on `me.*` but `me.get`); not open while required actions are pending.
 */
export const activity = authedProcedure
	.input(ZOwnActivityInput)
	.output(ZOwnActivityOutput)
	.query(({ ctx, input }) => listOwnActivity(ctx, ctx.actor, input));
