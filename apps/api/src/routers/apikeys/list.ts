import { ZApiKey, ZApplicationUserIdInput } from "@tessera/core/apikeys/apikey.schema";
import { listApiKeys } from "@tessera/core/apikeys/apikey.service";
import { z } from "zod";
import { permissionProcedure } from "../../trpc";

/** The keys of one application user: prefix, name, dates and status; never the secret or its hash. */
export const list = permissionProcedure("apikeys.manage")
	.input(ZApplicationUserIdInput)
	.output(z.array(ZApiKey))
	.query(({ ctx, input }) => listApiKeys(ctx.db, ctx.clock, ctx.actor, input.userId));
