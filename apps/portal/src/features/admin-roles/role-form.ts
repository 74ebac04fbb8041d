import type { Permission } from "@tessera/core/roles/permissions";
import {
	ROLE_KEY_MAX_LENGTH,
	type ZCreateRoleInput,
	type ZUpdateRoleInput,
} from "@tessera/core/roles/role-admin.schema";
import type { z } from "zod";
import type { RouterOutputs } from "../../trpc";

export type Role = RouterOutputs["roles"]["list"][number];
export type ContextType = Role["contextType"];
export const CONTEXT_TYPES = ["tenant", "account", "space"] as const satisfies readonly ContextType[];

/** The part of a permission key before the dot ("users" for "users.read"): how the checklist groups them. */
export type PermissionArea = Permission extends `${infer Area}.${string}` ? Area : never;

export interface PermissionGroup {
	area: PermissionArea;
	permissions: Permission[];
}

export function permissionArea(permission: Permission): PermissionArea {
	const [area] = permission.split(".");
	// Every catalogue key is "<area>.<action>" (the type above says so); the cast only restates it.
	return area as PermissionArea;
}

/** Groups the catalogue by area, keeping the catalogue's order for the areas and within each. */
export function groupPermissions(catalogue: readonly { key: Permission }[]): PermissionGroup[] {
	const groups: PermissionGroup[] = [];
	for (const { key } of catalogue) {
		const area = permissionArea(key);
		const group = groups.find((candidate) => candidate.area === area);
		if (group) {
			group.permissions.push(key);
		} else {
			groups.push({ area, permissions: [key] });
		}
	}
	return groups;
}

/** The permissions in `wanted` that are not among `held`, in `wanted`'s order. */
export function permissionsNotHeld(wanted: readonly Permission[], held: readonly string[]): Permission[] {
	return wanted.filter((permission) => !held.includes(permission));
}

/**
 * A role key suggested from its name ("Support agent" → "support_agent"): lower case, accents
 * dropped, anything else joined by "_", starting with a letter. Empty when the name has no
 * usable letters; the person can always type a key of their own.
 */
export function suggestRoleKey(name: string): string {
	const slug = name
		.normalize("NFKD")
		.replace(/[\u0300-\u036f]/g, "")
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, "_")
		.replace(/^[^a-z]+/, "")
		.slice(0, ROLE_KEY_MAX_LENGTH)
		.replace(/_+$/, "");
	return slug.length >= 2 ? slug : "";
}

/** The built-in roles, broadest first: the order they are listed in. */
export const BUILTIN_ROLE_KEYS = [
	"tenant_admin",
	"user_manager",
	"security_auditor",
	"account_admin",
	"space_admin",
	"member",
] as const;

function builtinRank(key: string): number {
	const rank = (BUILTIN_ROLE_KEYS as readonly string[]).indexOf(key);
	return rank === -1 ? BUILTIN_ROLE_KEYS.length : rank;
}

/** Built-in roles first, broadest first, then custom roles by name. */
export function sortRoles(roles: readonly Role[], locale: string): Role[] {
	const builtins = roles
		.filter((role) => role.isBuiltin)
		.sort((a, b) => builtinRank(a.key) - builtinRank(b.key) || a.key.localeCompare(b.key));
	const custom = roles
		.filter((role) => !role.isBuiltin)
		.sort((a, b) => a.name.localeCompare(b.name, locale, { sensitivity: "base" }));
	return [...builtins, ...custom];
}

/** What the role form holds while it is being edited. */
export interface RoleFormValues {
	name: string;
	key: string;
	description: string;
	contextType: ContextType;
	permissions: Permission[];
}

/**
 * What a save sends for the form's values: a new role with its key and context type, or for an
 * existing role the changeable fields and the revision the form started from (a role changed
 * since is refused, never silently overwritten). `ZCreateRoleInput` or `ZUpdateRoleInput` checks it.
 */
export function roleInput(
	values: RoleFormValues,
	existing: { roleId: string; revision: string } | null,
): z.input<typeof ZCreateRoleInput> | z.input<typeof ZUpdateRoleInput> {
	const { name, description, permissions } = values;
	return existing
		? { ...existing, name, description, permissions }
		: { key: values.key.trim(), name, description, contextType: values.contextType, permissions };
}
