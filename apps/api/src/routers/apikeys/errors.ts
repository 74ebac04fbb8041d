import type { ApiKeyErrorCode } from "@tessera/core/apikeys/apikey.errors";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

/** This area's part of the one domain-to-transport map (composed in apps/api/src/errors.ts). */
export const APIKEYS_ERRORS: Record<ApiKeyErrorCode, TRPC_ERROR_CODE_KEY> = {};
