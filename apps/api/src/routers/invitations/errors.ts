import type { InvitationErrorCode } from "@tessera/core/invitations/invitation.errors";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

/** This area's part of the one domain-to-transport map (composed in apps/api/src/errors.ts). */
export const INVITATIONS_ERRORS: Record<InvitationErrorCode, TRPC_ERROR_CODE_KEY> = {};
