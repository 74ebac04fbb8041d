import type { DomainErrorCode } from "@tessera/core/errors";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

/**
 * The one place domain codes become transport codes. A `Record` over the closed union, so a new
 * domain error that is not mapped here fails to compile instead of silently becoming a 500.
 */
export const DOMAIN_TO_TRPC: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
	VALIDATION: "BAD_REQUEST",
	"USER.NOT_FOUND": "NOT_FOUND",
	"USER.VERSION_CONFLICT": "CONFLICT",
	"USER.ILLEGAL_TRANSITION": "CONFLICT",
	"USER.EMAIL_TAKEN": "CONFLICT",
	"AUTH.INVALID_CREDENTIALS": "UNAUTHORIZED",
	"AUTH.UNAUTHENTICATED": "UNAUTHORIZED",
	"AUTH.RATE_LIMITED": "TOO_MANY_REQUESTS",
	"AUTHZ.FORBIDDEN": "FORBIDDEN",
};
