import { ZSessionListOutput } from "@tessera/core/auth/auth.schema";
import { listOwnSessions } from "@tessera/core/auth/session-management.service";
import { authedProcedure } from "../../../trpc";

/** The caller's live sessions with their devices; the current one is marked. */
export const list = authedProcedure.output(ZSessionListOutput).query(({ ctx }) => listOwnSessions(ctx, ctx.actor));
