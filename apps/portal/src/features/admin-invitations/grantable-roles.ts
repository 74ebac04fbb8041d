import type { RouterOutputs } from "../../trpc";

type Role = RouterOutputs["roles"]["list"][number];
type ContextType = Role["contextType"];

/** One role the signed-in administrator holds, where they hold it. */
export interface HeldRole {
	roleKey: string;
	contextType: ContextType;
	contextId: string;
	/** The account's or space's name, when known. */
	contextLabel?: string | null;
}

/** A role the invitation may give, in one context. */
export interface RoleChoice {
	/** Stable key for a `<select>` option. */
	value: string;
	roleId: string;
	roleName: string;
	contextType: ContextType;
	contextId: string;
	/** The tenant, account or space name; null when unknown. */
	contextLabel: string | null;
}

/** An account the invitee may belong to. */
export interface AccountChoice {
	id: string;
	label: string | null;
}

export interface InviteChoices {
	roles: RoleChoice[];
	accounts: AccountChoice[];
}

const MANAGE = "invitations.manage";

function contextKey(type: ContextType, id: string): string {
	return `${type}:${id}`;
}

/**
 * What the invite form offers, worked out from the roles the administrator holds: a role in a
 * context where they hold invitations.manage and every permission of that role (the server's
 * rule, SECURITY L08: nobody hands out more than they have), and the accounts where they may
 * invite. Only the contexts the administrator holds a role in are known to the portal, so an
 * account reached only through a tenant or parent-account role is not offered. A hint, not a
 * check: the server decides again.
 */
export function inviteChoices(
	roles: readonly Role[],
	held: readonly HeldRole[],
	tenant: { id: string; name: string },
): InviteChoices {
	const permissionsByKey = new Map(roles.map((role) => [role.key, role.permissions as readonly string[]]));
	const heldIn = new Map<string, { type: ContextType; id: string; label: string | null; permissions: Set<string> }>();
	for (const assignment of held) {
		const key = contextKey(assignment.contextType, assignment.contextId);
		const entry = heldIn.get(key) ?? {
			type: assignment.contextType,
			id: assignment.contextId,
			label: assignment.contextType === "tenant" ? tenant.name : (assignment.contextLabel ?? null),
			permissions: new Set<string>(),
		};
		entry.label ??= assignment.contextLabel ?? null;
		for (const permission of permissionsByKey.get(assignment.roleKey) ?? []) {
			entry.permissions.add(permission);
		}
		heldIn.set(key, entry);
	}
	// A tenant-wide grant reaches every account and space of the tenant.
	const tenantWide = heldIn.get(contextKey("tenant", tenant.id))?.permissions ?? new Set<string>();
	const contexts = [...heldIn.values()]
		.filter((context) => context.type !== "tenant" || context.id === tenant.id)
		.map((context) => ({ ...context, permissions: new Set([...tenantWide, ...context.permissions]) }))
		.filter((context) => context.permissions.has(MANAGE));

	const choices: RoleChoice[] = [];
	for (const context of contexts) {
		for (const role of roles) {
			if (role.contextType !== context.type) {
				continue;
			}
			if (role.permissions.every((permission) => context.permissions.has(permission))) {
				choices.push({
					value: `${role.id}@${contextKey(context.type, context.id)}`,
					roleId: role.id,
					roleName: role.name,
					contextType: context.type,
					contextId: context.id,
					contextLabel: context.label,
				});
			}
		}
	}
	const typeOrder: Record<ContextType, number> = { tenant: 0, account: 1, space: 2 };
	choices.sort(
		(a, b) =>
			typeOrder[a.contextType] - typeOrder[b.contextType] ||
			(a.contextLabel ?? "").localeCompare(b.contextLabel ?? "") ||
			a.roleName.localeCompare(b.roleName),
	);
	const accounts = contexts
		.filter((context) => context.type === "account")
		.map((context) => ({ id: context.id, label: context.label }))
		.sort((a, b) => (a.label ?? a.id).localeCompare(b.label ?? b.id));
	return { roles: choices, accounts };
}
