import type { RoleAdminErrorCode } from "@tessera/core/roles/role-admin.errors";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

/** This area's part of the one domain-to-transport map (composed in apps/api/src/errors.ts). */
export const ROLES_ERRORS: Record<RoleAdminErrorCode, TRPC_ERROR_CODE_KEY> = {};
