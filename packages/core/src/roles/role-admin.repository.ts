/**
 * Queries of role administration: roles with their permissions and usage, assignments with a
 * human label for their context, and the accounts and spaces assignments point at. Every query
 * is bounded by the tenant id, so another tenant's ids behave as non-existent.
 */
import type { ContextType, RoleRow } from "@tessera/db/schema";
import { sql } from "kysely";
import type { Db, Tx } from "../shared/tx";

export type RoleRecord = Pick<
	RoleRow,
	"id" | "tenant_id" | "key" | "name" | "description" | "context_type" | "is_builtin" | "created_at"
>;

const ROLE_COLUMNS = [
	"id",
	"tenant_id",
	"key",
	"name",
	"description",
	"context_type",
	"is_builtin",
	"created_at",
] as const;

/** Every role of the tenant (built-in and custom), by key. */
export function findRolesOfTenant(db: Db | Tx, tenantId: string): Promise<RoleRecord[]> {
	return db.selectFrom("roles").select(ROLE_COLUMNS).where("tenant_id", "=", tenantId).orderBy("key").execute();
}

export function findRoleById(db: Db | Tx, tenantId: string, roleId: string): Promise<RoleRecord | undefined> {
	return db
		.selectFrom("roles")
		.select(ROLE_COLUMNS)
		.where("tenant_id", "=", tenantId)
		.where("id", "=", roleId)
		.executeTakeFirst();
}

/**
 * Locks the role row for the rest of the transaction. `update` for edits, deletes and removals
 * of assignments (so two removals of the last administrators serialise); `share` for new
 * assignments (so the permission set checked cannot change before the insert commits).
 */
export function lockRoleById(
	trx: Tx,
	tenantId: string,
	roleId: string,
	mode: "update" | "share",
): Promise<RoleRecord | undefined> {
	const query = trx.selectFrom("roles").select(ROLE_COLUMNS).where("tenant_id", "=", tenantId).where("id", "=", roleId);
	return (mode === "update" ? query.forUpdate() : query.forShare()).executeTakeFirst();
}

/** Permission keys per role id, sorted; roles without permissions are absent from the map. */
export async function findPermissionsOfRoles(db: Db | Tx, roleIds: readonly string[]): Promise<Map<string, string[]>> {
	const result = new Map<string, string[]>();
	if (roleIds.length === 0) return result;
	const rows = await db
		.selectFrom("role_permissions")
		.select(["role_id", "permission"])
		.where("role_id", "in", roleIds)
		.orderBy("permission")
		.execute();
	for (const row of rows) result.set(row.role_id, [...(result.get(row.role_id) ?? []), row.permission]);
	return result;
}

/** How many assignments each role has, across the tenant. */
export async function countAssignmentsOfRoles(
	db: Db | Tx,
	tenantId: string,
	roleIds: readonly string[],
): Promise<Map<string, number>> {
	if (roleIds.length === 0) return new Map();
	const rows = await db
		.selectFrom("role_assignments")
		.select(["role_id", (eb) => eb.fn.countAll<number>().as("count")])
		.where("tenant_id", "=", tenantId)
		.where("role_id", "in", roleIds)
		.groupBy("role_id")
		.execute();
	return new Map(rows.map((row) => [row.role_id, Number(row.count)]));
}

export async function insertRole(
	trx: Tx,
	values: { tenantId: string; key: string; name: string; description: string; contextType: ContextType },
): Promise<RoleRecord> {
	return trx
		.insertInto("roles")
		.values({
			tenant_id: values.tenantId,
			key: values.key,
			name: values.name,
			description: values.description,
			context_type: values.contextType,
			is_builtin: false,
		})
		.returning(ROLE_COLUMNS)
		.executeTakeFirstOrThrow();
}

/** Replaces the role's permission set with `permissions`. */
export async function replaceRolePermissions(trx: Tx, roleId: string, permissions: readonly string[]): Promise<void> {
	await trx.deleteFrom("role_permissions").where("role_id", "=", roleId).execute();
	if (permissions.length > 0) {
		await trx
			.insertInto("role_permissions")
			.values(permissions.map((permission) => ({ role_id: roleId, permission })))
			.execute();
	}
}

/** Renames or re-describes a custom role; built-ins are never touched by this query. */
export function updateCustomRole(
	trx: Tx,
	tenantId: string,
	roleId: string,
	patch: { name?: string; description?: string },
): Promise<RoleRecord | undefined> {
	return trx
		.updateTable("roles")
		.set(patch)
		.where("tenant_id", "=", tenantId)
		.where("id", "=", roleId)
		.where("is_builtin", "=", false)
		.returning(ROLE_COLUMNS)
		.executeTakeFirst();
}

/** Deletes a custom role (its permissions go with it by cascade); returns whether a row went. */
export async function deleteCustomRole(trx: Tx, tenantId: string, roleId: string): Promise<boolean> {
	const result = await trx
		.deleteFrom("roles")
		.where("tenant_id", "=", tenantId)
		.where("id", "=", roleId)
		.where("is_builtin", "=", false)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}

/** Removes every assignment of the role and returns what was removed (for the audit row). */
export function deleteAssignmentsOfRole(trx: Tx, tenantId: string, roleId: string) {
	return trx
		.deleteFrom("role_assignments")
		.where("tenant_id", "=", tenantId)
		.where("role_id", "=", roleId)
		.returning(["id", "user_id", "context_type", "context_id", "applies_to_sub_accounts"])
		.execute();
}

/** Invitations not yet accepted or revoked that would grant this role on acceptance. */
export async function countOpenInvitationsOfRole(db: Db | Tx, tenantId: string, roleId: string): Promise<number> {
	const row = await db
		.selectFrom("invitations")
		.select((eb) => eb.fn.countAll<number>().as("count"))
		.where("tenant_id", "=", tenantId)
		.where("role_id", "=", roleId)
		.where("accepted_at", "is", null)
		.where("revoked_at", "is", null)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export interface AssignmentRecord {
	id: string;
	userId: string;
	roleId: string;
	roleKey: string;
	roleName: string;
	roleIsBuiltin: boolean;
	contextType: ContextType;
	contextId: string;
	contextLabel: string | null;
	appliesToSubAccounts: boolean;
	createdAt: Date;
}

/** Assignments with their role and a human label for the context (tenant, account or space name). */
function selectAssignments(db: Db | Tx, tenantId: string) {
	return db
		.selectFrom("role_assignments as ra")
		.innerJoin("roles as r", (join) => join.onRef("r.id", "=", "ra.role_id").onRef("r.tenant_id", "=", "ra.tenant_id"))
		.leftJoin("tenants as t", (join) => join.onRef("t.id", "=", "ra.context_id").on("ra.context_type", "=", "tenant"))
		.leftJoin("accounts as a", (join) =>
			join
				.onRef("a.id", "=", "ra.context_id")
				.onRef("a.tenant_id", "=", "ra.tenant_id")
				.on("ra.context_type", "=", "account"),
		)
		.leftJoin("spaces as s", (join) =>
			join
				.onRef("s.id", "=", "ra.context_id")
				.onRef("s.tenant_id", "=", "ra.tenant_id")
				.on("ra.context_type", "=", "space"),
		)
		.select([
			"ra.id",
			"ra.user_id as userId",
			"ra.role_id as roleId",
			"r.key as roleKey",
			"r.name as roleName",
			"r.is_builtin as roleIsBuiltin",
			"ra.context_type as contextType",
			"ra.context_id as contextId",
			sql<string | null>`coalesce(t.name, a.name, s.name)`.as("contextLabel"),
			"ra.applies_to_sub_accounts as appliesToSubAccounts",
			"ra.created_at as createdAt",
		])
		.where("ra.tenant_id", "=", tenantId);
}

export function findAssignmentsOfUser(db: Db | Tx, tenantId: string, userId: string): Promise<AssignmentRecord[]> {
	return selectAssignments(db, tenantId)
		.where("ra.user_id", "=", userId)
		.orderBy("ra.context_type")
		.orderBy("r.key")
		.orderBy("ra.id")
		.execute();
}

export function findAssignmentById(
	db: Db | Tx,
	tenantId: string,
	assignmentId: string,
): Promise<AssignmentRecord | undefined> {
	return selectAssignments(db, tenantId).where("ra.id", "=", assignmentId).executeTakeFirst();
}

/** Locks one assignment row; undefined when it is gone (removed by a concurrent request). */
export function lockAssignmentById(trx: Tx, tenantId: string, assignmentId: string) {
	return trx
		.selectFrom("role_assignments")
		.select(["id"])
		.where("tenant_id", "=", tenantId)
		.where("id", "=", assignmentId)
		.forUpdate()
		.executeTakeFirst();
}

export async function hasAssignment(
	db: Db | Tx,
	values: { tenantId: string; userId: string; roleId: string; contextType: ContextType; contextId: string },
): Promise<boolean> {
	const row = await db
		.selectFrom("role_assignments")
		.select("id")
		.where("tenant_id", "=", values.tenantId)
		.where("user_id", "=", values.userId)
		.where("role_id", "=", values.roleId)
		.where("context_type", "=", values.contextType)
		.where("context_id", "=", values.contextId)
		.executeTakeFirst();
	return row !== undefined;
}

/** Whether the user holds any role in this space: what makes them visible to the space's admins. */
export async function hasAssignmentInSpace(
	db: Db | Tx,
	tenantId: string,
	userId: string,
	spaceId: string,
): Promise<boolean> {
	const row = await db
		.selectFrom("role_assignments")
		.select("id")
		.where("tenant_id", "=", tenantId)
		.where("user_id", "=", userId)
		.where("context_type", "=", "space")
		.where("context_id", "=", spaceId)
		.executeTakeFirst();
	return row !== undefined;
}

export async function deleteAssignmentById(trx: Tx, tenantId: string, assignmentId: string): Promise<void> {
	await trx.deleteFrom("role_assignments").where("tenant_id", "=", tenantId).where("id", "=", assignmentId).execute();
}

/**
 * Tenant-wide assignments of `roleId` held by users who can act (state active), leaving out
 * `exceptAssignmentId`: how many administrators remain if that one is removed.
 */
export async function countOtherActiveTenantAssignments(
	trx: Tx,
	tenantId: string,
	roleId: string,
	exceptAssignmentId: string,
): Promise<number> {
	const row = await trx
		.selectFrom("role_assignments as ra")
		.innerJoin("users as u", (join) => join.onRef("u.id", "=", "ra.user_id").onRef("u.tenant_id", "=", "ra.tenant_id"))
		.select((eb) => eb.fn.countAll<number>().as("count"))
		.where("ra.tenant_id", "=", tenantId)
		.where("ra.role_id", "=", roleId)
		.where("ra.context_type", "=", "tenant")
		.where("ra.context_id", "=", tenantId)
		.where("ra.id", "<>", exceptAssignmentId)
		.where("u.state", "=", "active")
		.executeTakeFirstOrThrow();
	return Number(row.count);
}
