import type { ApiKeyErrorCode } from "@tessera/core/apikeys/apikey.errors";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

/** This area's part of the one domain-to-transport map (composed in apps/api/src/errors.ts). */
export const APIKEYS_ERRORS: Record<ApiKeyErrorCode, TRPC_ERROR_CODE_KEY> = {
	"APIKEY.APPLICATION_USER_NOT_FOUND": "NOT_FOUND",
	"APIKEY.NOT_FOUND": "NOT_FOUND",
	// 401: "who are you?" — the key does not identify anyone (malformed, unknown, revoked, expired…).
	"APIKEY.INVALID": "UNAUTHORIZED",
	// 403: the key is valid, the procedure is for people.
	"APIKEY.PEOPLE_ONLY": "FORBIDDEN",
	"APIKEY.ROLE_NOT_GRANTABLE": "FORBIDDEN",
	"APIKEY.USERNAME_TAKEN": "CONFLICT",
	"APIKEY.APPLICATION_USER_RETIRED": "CONFLICT",
	"APIKEY.TOO_MANY_KEYS": "CONFLICT",
};
