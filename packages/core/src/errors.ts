import type { ApiKeyErrorCode } from "./apikeys/apikey.errors";
import type { AuthErrorCode } from "./auth/auth.errors";
import type { InvitationErrorCode } from "./invitations/invitation.errors";
import type { MfaErrorCode } from "./mfa/mfa.errors";
import type { PasskeyErrorCode } from "./passkeys/passkey.errors";
import type { PasswordErrorCode } from "./passwords/password.errors";
import type { PolicyErrorCode } from "./policy/tenant-policy.errors";
import type { RbacErrorCode } from "./roles/rbac.errors";
import type { RoleAdminErrorCode } from "./roles/role-admin.errors";
import type { DatabaseFaultCode } from "./shared/db-faults";
import { DomainError, type SharedErrorCode } from "./shared/errors";
import type { UserErrorCode } from "./users/user.errors";

/** Every code core can throw. The API's map from these to transport codes must cover all of them. */
export type DomainErrorCode =
	| SharedErrorCode
	| DatabaseFaultCode
	| UserErrorCode
	| AuthErrorCode
	| RbacErrorCode
	| MfaErrorCode
	| PasskeyErrorCode
	| PasswordErrorCode
	| PolicyErrorCode
	| RoleAdminErrorCode
	| ApiKeyErrorCode
	| InvitationErrorCode;

export function isDomainError(error: unknown): error is DomainError<DomainErrorCode> {
	return error instanceof DomainError;
}
