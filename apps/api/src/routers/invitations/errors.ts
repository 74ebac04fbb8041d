import type { InvitationErrorCode } from "@tessera/core/invitations/invitation.errors";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

/** This area's part of the one domain-to-transport map (composed in apps/api/src/errors.ts). */
export const INVITATIONS_ERRORS: Record<InvitationErrorCode, TRPC_ERROR_CODE_KEY> = {
	// Unknown, used, revoked and expired tokens, and ids outside the caller's reach: one answer.
	"INVITATION.NOT_FOUND": "NOT_FOUND",
	"INVITATION.ALREADY_ACCEPTED": "CONFLICT",
	"INVITATION.ROLE_EXCEEDS_INVITER": "FORBIDDEN",
};
