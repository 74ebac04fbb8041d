import type { Permission } from "@tessera/core/roles/permissions";
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

const MAX_KEY_LENGTH = 48;

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
		.slice(0, MAX_KEY_LENGTH)
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

export type RoleFormField = "name" | "key" | "description";
export type RoleFormProblem = "required" | "tooLong" | "keyFormat" | "controlCharacters";
export type RoleFormErrors = Partial<Record<RoleFormField, RoleFormProblem>>;

export type ParsedRoleForm =
	| { ok: true; values: { name: string; key: string; description: string } }
	| { ok: false; errors: RoleFormErrors };

function isRoleFormField(value: unknown): value is RoleFormField {
	return value === "name" || value === "key" || value === "description";
}

/**
 * Checks the form with the server's own schema (`ZCreateRoleInput`), so the rules cannot drift;
 * each failing field gets one problem the form translates. The schema loads on first use.
 */
export async function parseRoleForm(values: RoleFormValues): Promise<ParsedRoleForm> {
	const { ZCreateRoleInput } = await import("@tessera/core/roles/role-admin.schema");
	const parsed = ZCreateRoleInput.safeParse({
		key: values.key.trim(),
		name: values.name,
		description: values.description,
		contextType: values.contextType,
		permissions: values.permissions,
	});
	if (parsed.success) {
		return { ok: true, values: { name: parsed.data.name, key: parsed.data.key, description: parsed.data.description } };
	}
	const errors: RoleFormErrors = {};
	for (const issue of parsed.error.issues) {
		const field = issue.path[0];
		if (!isRoleFormField(field) || errors[field]) {
			continue;
		}
		errors[field] = problemOf(field, issue.code, issue.message, values);
	}
	return { ok: false, errors };
}

function problemOf(field: RoleFormField, code: string, message: string, values: RoleFormValues): RoleFormProblem {
	if (field === "key") {
		return values.key.trim() === "" ? "required" : "keyFormat";
	}
	if (field === "name" && values.name.trim() === "") {
		return "required";
	}
	if (code === "too_big" || message.startsWith("Must be at most")) {
		return "tooLong";
	}
	return "controlCharacters";
}
