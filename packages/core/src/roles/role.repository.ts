import type { ContextType } from "@tessera/db/schema";
import { sql } from "kysely";
import type { Db, Tx } from "../shared/tx";
import type { Grant } from "./rbac";

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

export interface RoleAssignmentView {
	roleKey: string;
	roleName: string;
	contextType: ContextType;
	contextId: string;
	appliesToSubAccounts: boolean;
}

export function findRoleAssignmentsOfUser(
	db: Db | Tx,
	tenantId: string,
	userId: string,
): Promise<RoleAssignmentView[]> {
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
		.execute();
}

/** The account and its ancestors, nearest first. Bounded depth guards against a cycle. */
export async function findAccountChain(db: Db | Tx, tenantId: string, accountId: string): Promise<string[]> {
	const result = await sql<{ id: string }>`
		with recursive chain(id, parent_account_id, depth) as (
			select id, parent_account_id, 0 from accounts where tenant_id = ${tenantId} and id = ${accountId}
			union all
			select a.id, a.parent_account_id, c.depth + 1
			from accounts a join chain c on a.id = c.parent_account_id
			where a.tenant_id = ${tenantId} and c.depth < 32
		)
		select id from chain order by depth`.execute(db);
	return result.rows.map((row) => row.id);
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
