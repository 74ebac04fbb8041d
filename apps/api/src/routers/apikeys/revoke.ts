import { ZApiKey, ZApiKeyIdInput } from "@tessera/core/apikeys/apikey.schema";
import { revokeApiKey } from "@tessera/core/apikeys/apikey.service";
import { permissionProcedure } from "../../trpc";

/** Revokes a key: the next request with it is UNAUTHORIZED. Idempotent. */
export const revoke = permissionProcedure("apikeys.manage")
	.input(ZApiKeyIdInput)
	.output(ZApiKey)
	.mutation(({ ctx, input }) => revokeApiKey(ctx, ctx.actor, input.keyId, ctx.meta));
