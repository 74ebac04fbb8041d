import type { RoleAdminErrorCode } from "@tessera/core/roles/role-admin.errors";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

/** This area's part of the one domain-to-transport map (composed in apps/api/src/errors.ts). */
export const ROLES_ERRORS: Record<RoleAdminErrorCode, TRPC_ERROR_CODE_KEY> = {
	"ROLE.NOT_FOUND": "NOT_FOUND",
	"ROLE.CONTEXT_NOT_FOUND": "NOT_FOUND",
	"ROLE.ASSIGNMENT_NOT_FOUND": "NOT_FOUND",
	"ROLE.KEY_TAKEN": "CONFLICT",
	// Nobody may edit a built-in, whatever they hold: refused as not allowed, not as bad input.
	"ROLE.BUILTIN_READ_ONLY": "FORBIDDEN",
	"ROLE.REVISION_CONFLICT": "CONFLICT",
	"ROLE.IN_USE": "CONFLICT",
	"ROLE.PENDING_INVITATIONS": "CONFLICT",
	"ROLE.CONTEXT_TYPE_MISMATCH": "BAD_REQUEST",
	"ROLE.SUB_ACCOUNTS_OUTSIDE_ACCOUNT": "BAD_REQUEST",
	"ROLE.GRANT_EXCEEDS_OWN": "FORBIDDEN",
	"ROLE.SELF_ESCALATION": "FORBIDDEN",
	"ROLE.ALREADY_ASSIGNED": "CONFLICT",
	"ROLE.LAST_TENANT_ADMIN": "CONFLICT",
	"ROLE.ASSIGNEE_DELETED": "CONFLICT",
};
