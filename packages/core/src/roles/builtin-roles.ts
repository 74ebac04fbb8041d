import type { ContextType } from "@tessera/db/schema";
import { PERMISSION_KEYS, type Permission } from "./permissions";

export interface RoleDefinition {
	key: string;
	name: string;
	description: string;
	contextType: ContextType;
	permissions: readonly Permission[];
}

/** Roles every tenant starts with. Custom roles are built from the same catalogue. */
export const BUILTIN_ROLES: readonly RoleDefinition[] = [
	{
		key: "tenant_admin",
		name: "Tenant administrator",
		description: "Everything in the tenant, including policy and roles",
		contextType: "tenant",
		permissions: PERMISSION_KEYS,
	},
	{
		key: "user_manager",
		name: "User manager",
		description: "Manages users, invitations and their security across the tenant",
		contextType: "tenant",
		permissions: ["users.read", "users.write", "users.security", "invitations.manage", "roles.read", "dashboard.read"],
	},
	{
		key: "security_auditor",
		name: "Security auditor",
		description: "Reads users, roles, the audit log and the security dashboard; changes nothing",
		contextType: "tenant",
		permissions: ["users.read", "roles.read", "audit.read", "dashboard.read"],
	},
	{
		key: "account_admin",
		name: "Account administrator",
		description: "Manages the users whose primary account is this account (and, if granted so, its sub-accounts)",
		contextType: "account",
		permissions: [
			"users.read",
			"users.write",
			"users.delete",
			"users.security",
			"roles.read",
			"roles.manage",
			"invitations.manage",
			"audit.read",
			"dashboard.read",
		],
	},
	{
		key: "space_admin",
		name: "Space administrator",
		description: "Assigns space roles and invites people into this space",
		contextType: "space",
		permissions: ["users.read", "roles.read", "roles.manage", "invitations.manage"],
	},
	{
		key: "member",
		name: "Member",
		description: "Uses the product and manages only their own account",
		contextType: "tenant",
		permissions: [],
	},
];
