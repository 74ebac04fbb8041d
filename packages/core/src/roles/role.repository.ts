import type { ContextType } from "@tessera/db/schema";
import type { Expression } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { Grant } from "../shared/actor";
import type { Db, Tx } from "../shared/tx";

/** Every permission the user holds, with the context of the assignment that gives it. */
export async function findGrantsOfUser(db: Db | Tx, tenantId: string, userId: string): Promise<Grant[]> {
	const rows = await db
		.selectFrom("role_assignments as ra")
		.innerJoin("role_permissions as rp", "rp.role_id", "ra.role_id")
		.select(["rp.permission", "ra.context_type", "ra.context_id", "ra.applies_to_sub_accounts"])
		.where("ra.tenant_id", "=", tenantId)
		.where("ra.user_id", "=", userId)
		.execute();
	return rows.map((row) => ({
		permission: row.permission,
		contextType: row.context_type,
		contextId: row.context_id,
		appliesToSubAccounts: row.applies_to_sub_accounts,
	}));
}

/**
 * The grants of the user named by `tenantId`/`userId` (column references of the outer query) as a
 * JSON array in the shape of `Grant`: the session and API-key lookups select it alongside the
 * caller, so an authenticated request reads its grants in the query that authenticates it.
 */
export function selectGrantsOf(db: Db | Tx, tenantId: Expression<string>, userId: Expression<string>) {
	return jsonArrayFrom(
		db
			.selectFrom("role_assignments as ra")
			.innerJoin("role_permissions as rp", "rp.role_id", "ra.role_id")
			.select([
				"rp.permission",
				"ra.context_type as contextType",
				"ra.context_id as contextId",
				"ra.applies_to_sub_accounts as appliesToSubAccounts",
			])
			.where("ra.tenant_id", "=", tenantId)
			.where("ra.user_id", "=", userId),
	);
}

export interface RoleAssignmentView {
	roleKey: string;
	roleName: string;
	contextType: ContextType;
	contextId: string;
	appliesToSubAccounts: boolean;
}

/**
 * A user's role assignments as they are shown (key, name, where), in key and context order; the
 * ids may be values or references, so a query that reads users can take it as a sub-select.
 */
export function selectRoleAssignmentViews(
	db: Db | Tx,
	tenantId: string | Expression<string>,
	userId: string | Expression<string>,
) {
	return db
		.selectFrom("role_assignments as ra")
		.innerJoin("roles as r", "r.id", "ra.role_id")
		.select([
			"r.key as roleKey",
			"r.name as roleName",
			"ra.context_type as contextType",
			"ra.context_id as contextId",
			"ra.applies_to_sub_accounts as appliesToSubAccounts",
		])
		.where("ra.tenant_id", "=", tenantId)
		.where("ra.user_id", "=", userId)
		.orderBy("r.key")
		.orderBy("ra.context_type")
		.orderBy("ra.context_id");
}

export function findRoleAssignmentsOfUser(
	db: Db | Tx,
	tenantId: string,
	userId: string,
): Promise<RoleAssignmentView[]> {
	return selectRoleAssignmentViews(db, tenantId, userId).execute();
}

export async function findRoleByKey(db: Db | Tx, tenantId: string, key: string) {
	return db
		.selectFrom("roles")
		.select(["id", "key", "name", "context_type"])
		.where("tenant_id", "=", tenantId)
		.where("key", "=", key)
		.executeTakeFirst();
}

export interface NewRoleAssignment {
	tenantId: string;
	userId: string;
	roleId: string;
	contextType: ContextType;
	contextId: string;
	appliesToSubAccounts: boolean;
	createdBy: string | null;
	createdAt: Date;
}

/**
 * The one place a role assignment is written (roles, invitations, application users). With
 * `ifMissing`, an identical existing assignment is kept and undefined is returned.
 */
export function insertRoleAssignment(
	trx: Tx,
	values: NewRoleAssignment,
	options: { ifMissing?: boolean } = {},
): Promise<{ id: string } | undefined> {
	let query = trx.insertInto("role_assignments").values({
		tenant_id: values.tenantId,
		user_id: values.userId,
		role_id: values.roleId,
		context_type: values.contextType,
		context_id: values.contextId,
		applies_to_sub_accounts: values.appliesToSubAccounts,
		created_by: values.createdBy,
		created_at: values.createdAt,
	});
	if (options.ifMissing) query = query.onConflict((oc) => oc.constraint("role_assignments_unique").doNothing());
	return query.returning("id").executeTakeFirst();
}

/** Locks a role row by key (FOR UPDATE), so changes that count its holders serialise. */
export function lockRoleByKey(trx: Tx, tenantId: string, key: string) {
	return trx
		.selectFrom("roles")
		.select("id")
		.where("tenant_id", "=", tenantId)
		.where("key", "=", key)
		.forUpdate()
		.executeTakeFirst();
}

/** The distinct active users holding a role, in any context. */
export function findActiveHoldersOfRole(db: Db | Tx, roleId: string) {
	return db
		.selectFrom("role_assignments as ra")
		.innerJoin("users as u", "u.id", "ra.user_id")
		.select("ra.user_id")
		.distinct()
		.where("ra.role_id", "=", roleId)
		.where("u.state", "=", "active")
		.execute();
}

/** Inserts one built-in role of a new tenant with its permissions; returns the role's id. */
export async function insertBuiltinRole(
	trx: Tx,
	tenantId: string,
	role: { key: string; name: string; description: string; contextType: ContextType; permissions: readonly string[] },
): Promise<string> {
	const row = await trx
		.insertInto("roles")
		.values({
			tenant_id: tenantId,
			key: role.key,
			name: role.name,
			description: role.description,
			context_type: role.contextType,
			is_builtin: true,
		})
		.returning("id")
		.executeTakeFirstOrThrow();
	if (role.permissions.length > 0) {
		await trx
			.insertInto("role_permissions")
			.values(role.permissions.map((permission) => ({ role_id: row.id, permission })))
			.execute();
	}
	return row.id;
}
