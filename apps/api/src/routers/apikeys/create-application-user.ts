import { ZApplicationUser, ZCreateApplicationUserInput } from "@tessera/core/apikeys/apikey.schema";
import { createApplicationUser as createApplicationUserInCore } from "@tessera/core/apikeys/apikey.service";
import { permissionProcedure } from "../../trpc";

/**
 * Creates an application user (no email, no password: it authenticates only with API keys).
 * apikeys.manage is checked again in core on the tenant or the chosen primary account, and each
 * role in `roleKeys` only if the caller could grant it.
 */
export const createApplicationUser = permissionProcedure("apikeys.manage")
	.input(ZCreateApplicationUserInput)
	.output(ZApplicationUser)
	.mutation(({ ctx, input }) => createApplicationUserInCore(ctx, ctx.actor, input, ctx.meta));
