import { ZListApplicationUsersInput, ZListApplicationUsersOutput } from "@tessera/core/apikeys/apikey.schema";
import { listApplicationUsers as listApplicationUsersInCore } from "@tessera/core/apikeys/apikey.service";
import { permissionProcedure } from "../../trpc";

/** The application users the caller manages keys for, newest first, with their live key count. */
export const listApplicationUsers = permissionProcedure("apikeys.manage")
	.input(ZListApplicationUsersInput)
	.output(ZListApplicationUsersOutput)
	.query(({ ctx, input }) => listApplicationUsersInCore(ctx, ctx.actor, input));
