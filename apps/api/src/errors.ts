import { type DomainErrorCode, isDomainError } from "@tessera/core/errors";
import { databaseFaultOf } from "@tessera/core/shared/db-faults";
import type { DomainError } from "@tessera/core/shared/errors";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { APIKEYS_ERRORS } from "./routers/apikeys/errors";
import { INVITATIONS_ERRORS } from "./routers/invitations/errors";
import { ROLES_ERRORS } from "./routers/roles/errors";

/**
 * The one place domain codes become transport codes. A `Record` over the closed union, so a new
 * domain error that is not mapped here fails to compile instead of silently becoming a 500.
 */
export const DOMAIN_TO_TRPC: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
	...ROLES_ERRORS,
	...APIKEYS_ERRORS,
	...INVITATIONS_ERRORS,
	VALIDATION: "BAD_REQUEST",
	"DB.UNAVAILABLE": "SERVICE_UNAVAILABLE",
	// A lock held elsewhere: the request conflicted with another one and wrote nothing.
	"DB.BUSY": "CONFLICT",
	"DB.TIMEOUT": "SERVICE_UNAVAILABLE",
	"USER.NOT_FOUND": "NOT_FOUND",
	"USER.VERSION_CONFLICT": "CONFLICT",
	"USER.ILLEGAL_TRANSITION": "CONFLICT",
	"USER.EMAIL_TAKEN": "CONFLICT",
	"USER.USERNAME_TAKEN": "CONFLICT",
	"USER.NOT_DELETING": "CONFLICT",
	"AUTH.INVALID_CREDENTIALS": "UNAUTHORIZED",
	"AUTH.UNAUTHENTICATED": "UNAUTHORIZED",
	"AUTH.RATE_LIMITED": "TOO_MANY_REQUESTS",
	"AUTH.LOGIN_FLOW_EXPIRED": "UNAUTHORIZED",
	"AUTH.REAUTH_REQUIRED": "FORBIDDEN",
	"AUTH.REQUIRED_ACTIONS_PENDING": "FORBIDDEN",
	"AUTH.WRONG_PASSWORD": "UNAUTHORIZED",
	"AUTH.PASSWORD_REUSED": "BAD_REQUEST",
	// Unknown, used, replaced, voided and expired reset links: one answer.
	"AUTH.PASSWORD_RESET_INVALID": "NOT_FOUND",
	"AUTH.PASSWORD_RESET_UNAVAILABLE": "CONFLICT",
	"AUTHZ.FORBIDDEN": "FORBIDDEN",
	// The privilege hierarchy: a lesser administrator may not act on a greater one at all.
	"AUTHZ.TARGET_OUTRANKS_ACTOR": "FORBIDDEN",
	"MFA.INVALID_CODE": "UNAUTHORIZED",
	"MFA.TOTP_ALREADY_ENROLLED": "CONFLICT",
	"MFA.METHOD_NOT_AVAILABLE": "BAD_REQUEST",
	"MFA.REQUIRED_BY_POLICY": "CONFLICT",
	"MFA.CODE_RATE_LIMITED": "TOO_MANY_REQUESTS",
	"PASSKEY.NOT_FOUND": "NOT_FOUND",
	"PASSKEY.ALREADY_REGISTERED": "CONFLICT",
	"PASSKEY.VERIFICATION_FAILED": "UNAUTHORIZED",
	"PASSWORD.POLICY_VIOLATION": "BAD_REQUEST",
	"POLICY.TENANT_NOT_FOUND": "NOT_FOUND",
};

/**
 * The domain error a thrown value stands for: itself, or the domain error a database fault is (a
 * lost connection, a lock or statement timeout, contention that outlived its retries); null for
 * anything else, which is a bug. tRPC procedures and the export routes both map through this.
 */
export function domainErrorOf(raw: unknown): DomainError<DomainErrorCode> | null {
	return isDomainError(raw) ? raw : databaseFaultOf(raw);
}
