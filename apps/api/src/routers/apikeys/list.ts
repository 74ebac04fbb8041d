import { ZApiKeyListOutput, ZApplicationUserIdInput } from "@tessera/core/apikeys/apikey.schema";
import { listApiKeys } from "@tessera/core/apikeys/apikey.service";
import { permissionProcedure } from "../../trpc";

/** The keys of one application user: prefix, name, dates and status; never the secret or its hash. */
export const list = permissionProcedure("apikeys.manage")
	.input(ZApplicationUserIdInput)
	.output(ZApiKeyListOutput)
	.query(({ ctx, input }) => listApiKeys(ctx, ctx.actor, input.userId));
