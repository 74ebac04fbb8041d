import { ZIssueApiKeyInput, ZIssuedApiKey } from "@tessera/core/apikeys/apikey.schema";
import { issueApiKey } from "@tessera/core/apikeys/apikey.service";
import { permissionProcedure } from "../../trpc";

/**
 * Issues an API key for an application user. The response is the only place the full key ever
 * appears (responses under /trpc are `Cache-Control: no-store`); only its hash is stored.
 */
export const issue = permissionProcedure("apikeys.manage")
	.input(ZIssueApiKeyInput)
	.output(ZIssuedApiKey)
	.mutation(({ ctx, input }) => issueApiKey(ctx, ctx.actor, input, ctx.meta));
