/**
 * Role administration: the permission catalogue, custom roles built from it, and role
 * assignments in a context. Every rule lives here; the API only validates and calls.
 *
 * Security invariants (SECURITY Z02, Z03, G02, G03):
 * - ids of another tenant behave as non-existent (every query is bounded by the actor's tenant);
 * - a role is assigned only in a context of its own type, by someone who holds roles.manage and
 *   every permission of the role in that context; nobody raises their own privileges;
 * - custom roles contain only permissions their editor holds tenant-wide;
 * - every change writes exactly one audit row in the same transaction; authorization is read
 *   from the database per request, so a change applies from the next request on.
 */

import { createHash } from "node:crypto";
import type { ContextType } from "@tessera/db/schema";
import { insertAuditEvent } from "../audit/audit.repository";
import type { Grant, SessionActor } from "../shared/actor";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { type Db, inTransaction, isUniqueViolation, type Tx } from "../shared/tx";
import { UserNotFoundError } from "../users/user.errors";
import { findUserById, lockUserById, type UserRecord } from "../users/user.repository";
import { assertNotOutranked, authorizeAnywhere, resolveStoredContext, targetOfUser } from "./authorization.service";
import { isPermission, PERMISSION_KEYS, PERMISSIONS, type Permission } from "./permissions";
import { hasPermission } from "./rbac";
import { ForbiddenError } from "./rbac.errors";
import { findGrantsOfUser, insertRoleAssignment } from "./role.repository";
import {
	AssigneeDeletedError,
	BuiltinRoleReadOnlyError,
	GrantExceedsOwnPermissionsError,
	LastTenantAdminError,
	RoleAlreadyAssignedError,
	RoleAssignmentNotFoundError,
	RoleContextTypeMismatchError,
	RoleHasPendingInvitationsError,
	RoleInUseError,
	RoleKeyTakenError,
	RoleNotFoundError,
	RoleRevisionConflictError,
	SelfEscalationError,
	SubAccountsOutsideAccountError,
} from "./role-admin.errors";
import {
	type AssignmentRecord,
	countAssignmentsOfRoles,
	countOpenInvitationsOfRole,
	countOtherActiveTenantAssignments,
	deleteAssignmentById,
	deleteAssignmentsOfRole,
	deleteCustomRole,
	findAssignmentById,
	findAssignmentsOfUser,
	findPermissionsOfRoles,
	findRoleById,
	findRolesOfTenant,
	hasAssignment,
	hasAssignmentInSpace,
	insertRole,
	lockAssignmentById,
	lockRoleById,
	type RoleRecord,
	replaceRolePermissions,
	updateCustomRole,
} from "./role-admin.repository";
import type {
	TAssignmentContextInput,
	TAssignRoleInput,
	TCreateRoleInput,
	TDeleteRoleInput,
	TDeleteRoleOutput,
	TPermissionCatalogueOutput,
	TRole,
	TRoleAssignment,
	TUnassignRoleInput,
	TUpdateRoleInput,
} from "./role-admin.schema";
import {
	decideGrantChange,
	type GrantDecision,
	missingPermissions,
	type ResolvedContext,
	targetOfContext,
} from "./role-grant";

/** The built-in role that must always keep one active holder in every tenant. */
const TENANT_ADMIN_KEY = "tenant_admin";
/** At most this many removed assignments are listed in a forced delete's audit row (all are counted). */
const AUDIT_LIST_CAP = 100;

// ---------------------------------------------------------------------------------------------
// Mapping

/** An opaque fingerprint of what an update can change: a stale edit is detected, not applied. */
export function roleRevision(name: string, description: string, permissions: readonly string[]): string {
	return createHash("sha256")
		.update(JSON.stringify([name, description, [...permissions].sort()]))
		.digest("base64url")
		.slice(0, 22);
}

function toPermissions(keys: readonly string[] | undefined): Permission[] {
	// The permissions table and the catalogue are the same set (permissions.integration.test.ts).
	return (keys ?? []).filter(isPermission);
}

function roleRowToRole(row: RoleRecord, permissions: Permission[], assignmentCount: number): TRole {
	return {
		id: row.id,
		key: row.key,
		name: row.name,
		description: row.description,
		contextType: row.context_type,
		isBuiltin: row.is_builtin,
		permissions,
		assignmentCount,
		revision: roleRevision(row.name, row.description, permissions),
		createdAt: row.created_at,
	};
}

function assignmentToOutput(record: AssignmentRecord): TRoleAssignment {
	return {
		id: record.id,
		userId: record.userId,
		roleId: record.roleId,
		roleKey: record.roleKey,
		roleName: record.roleName,
		contextType: record.contextType,
		contextId: record.contextId,
		contextLabel: record.contextLabel,
		appliesToSubAccounts: record.appliesToSubAccounts,
		createdAt: record.createdAt,
	};
}

async function loadRole(db: Db | Tx, row: RoleRecord): Promise<TRole> {
	const [permissions, counts] = await Promise.all([
		findPermissionsOfRoles(db, [row.id]),
		countAssignmentsOfRoles(db, row.tenant_id, [row.id]),
	]);
	return roleRowToRole(row, toPermissions(permissions.get(row.id)), counts.get(row.id) ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Contexts and visibility

/** Resolves an assignment context of the input; an account or space of another tenant is NOT_FOUND. */
async function resolveInputContext(db: Db | Tx, tenantId: string, input: TAssignmentContextInput) {
	return resolveStoredContext(
		db,
		tenantId,
		input.type,
		input.type === "tenant" ? tenantId : input.type === "account" ? input.accountId : input.spaceId,
		true,
	);
}

/**
 * Whether the actor may see `user` for role administration: they hold users.read over the
 * user's own context (as `authorizeOnUser`), or, for a space, they hold users.read in that space
 * and the user already holds a role there. The second path lets space administrators manage the
 * people of their space without seeing anyone else in the tenant.
 */
async function isUserVisible(
	db: Db | Tx,
	actor: SessionActor,
	grants: readonly Grant[],
	user: Pick<UserRecord, "id" | "tenant_id" | "primary_account_id">,
	context: ResolvedContext | null,
): Promise<boolean> {
	if (user.tenant_id !== actor.tenantId) return false;
	if (hasPermission(grants, "users.read", await targetOfUser(db, user))) return true;
	if (context?.type !== "space") return false;
	if (!hasPermission(grants, "users.read", targetOfContext(context))) return false;
	return hasAssignmentInSpace(db, actor.tenantId, user.id, context.spaceId);
}

/** Turns a refusal into its domain error. */
function assertAllowed(decision: GrantDecision, roleContextType: ContextType, contextType: ContextType): void {
	if (decision.allowed) return;
	switch (decision.reason) {
		case "context_type_mismatch":
			throw new RoleContextTypeMismatchError(roleContextType, contextType);
		case "sub_accounts_outside_account":
			throw new SubAccountsOutsideAccountError();
		case "not_manager":
			throw new ForbiddenError("roles.manage");
		case "self_escalation":
			throw new SelfEscalationError(decision.missing);
		case "exceeds_own":
			throw new GrantExceedsOwnPermissionsError(decision.missing);
	}
}

/**
 * Custom role definitions are tenant-wide objects: editing one needs roles.manage at tenant
 * level, and every permission it contains (before and after the edit) held at tenant level, so a
 * role can never become a vehicle for permissions its editor does not have (Z03).
 */
function assertMayDefine(grants: readonly Grant[], tenantId: string, permissions: readonly Permission[]): void {
	const tenant: ResolvedContext = { type: "tenant", tenantId };
	if (missingPermissions(grants, ["roles.manage"], tenant).length > 0) throw new ForbiddenError("roles.manage");
	const missing = missingPermissions(grants, permissions, tenant);
	if (missing.length > 0) throw new GrantExceedsOwnPermissionsError(missing);
}

// ---------------------------------------------------------------------------------------------
// Catalogue and roles

/** The permission catalogue with descriptions, in catalogue order. */
export function listPermissionCatalogue(actor: SessionActor): TPermissionCatalogueOutput {
	authorizeAnywhere(actor, "roles.read");
	return PERMISSION_KEYS.map((key) => ({ key, description: PERMISSIONS[key] }));
}

/** Every role of the actor's tenant with its permissions and assignment count. Needs roles.read somewhere. */
export async function listRoles({ db }: Pick<CoreDeps, "db">, actor: SessionActor): Promise<TRole[]> {
	authorizeAnywhere(actor, "roles.read");
	const rows = await findRolesOfTenant(db, actor.tenantId);
	const ids = rows.map((row) => row.id);
	const [permissions, counts] = await Promise.all([
		findPermissionsOfRoles(db, ids),
		countAssignmentsOfRoles(db, actor.tenantId, ids),
	]);
	return rows.map((row) => roleRowToRole(row, toPermissions(permissions.get(row.id)), counts.get(row.id) ?? 0));
}

/** One role of the actor's tenant; another tenant's role is NOT_FOUND. Needs roles.read somewhere. */
export async function getRole({ db }: Pick<CoreDeps, "db">, actor: SessionActor, roleId: string): Promise<TRole> {
	authorizeAnywhere(actor, "roles.read");
	const row = await findRoleById(db, actor.tenantId, roleId);
	if (!row) throw new RoleNotFoundError();
	return loadRole(db, row);
}

/**
 * Creates a custom role from the catalogue. Needs roles.manage at tenant level and every
 * permission of the new role at tenant level. A taken key is a CONFLICT. Audited as role.created.
 */
export async function createRole(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TCreateRoleInput,
	meta: RequestMeta,
): Promise<TRole> {
	return inTransaction(db, async (trx) => {
		const grants = await findGrantsOfUser(trx, actor.tenantId, actor.userId);
		assertMayDefine(grants, actor.tenantId, input.permissions);
		const permissions = [...input.permissions].sort();
		let row: RoleRecord;
		try {
			row = await insertRole(trx, {
				tenantId: actor.tenantId,
				key: input.key,
				name: input.name,
				description: input.description,
				contextType: input.contextType,
			});
		} catch (error) {
			// The unique constraint decides, so two concurrent creates cannot both win.
			if (isUniqueViolation(error)) throw new RoleKeyTakenError(input.key);
			throw error;
		}
		await replaceRolePermissions(trx, row.id, permissions);
		const now = clock.now();
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: null,
			action: "role.created",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: {
				roleId: row.id,
				roleKey: row.key,
				name: row.name,
				contextType: row.context_type,
				permissions,
			},
		});
		return roleRowToRole(row, permissions, 0);
	});
}

/**
 * Renames, re-describes or changes the permissions of a custom role, if `revision` is still
 * current. Built-in roles are read-only. The editor must hold, at tenant level, every permission
 * the role has before and after the edit. Takes effect for every holder on their next request.
 */
export async function updateRole(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TUpdateRoleInput,
	meta: RequestMeta,
): Promise<TRole> {
	return inTransaction(db, async (trx) => {
		const before = await lockRoleById(trx, actor.tenantId, input.roleId, "update");
		if (!before) throw new RoleNotFoundError();
		if (before.is_builtin) throw new BuiltinRoleReadOnlyError(before.key);
		const beforePermissions = toPermissions((await findPermissionsOfRoles(trx, [before.id])).get(before.id));
		const afterPermissions = input.permissions ? [...input.permissions].sort() : beforePermissions;

		const grants = await findGrantsOfUser(trx, actor.tenantId, actor.userId);
		assertMayDefine(grants, actor.tenantId, [...beforePermissions, ...afterPermissions]);
		const current = roleRevision(before.name, before.description, beforePermissions);
		if (input.revision !== current) throw new RoleRevisionConflictError(current);

		const patch: { name?: string; description?: string } = {};
		if (input.name !== undefined) patch.name = input.name;
		if (input.description !== undefined) patch.description = input.description;
		const after =
			Object.keys(patch).length > 0 ? await updateCustomRole(trx, actor.tenantId, before.id, patch) : before;
		if (!after) throw new RoleNotFoundError();
		if (input.permissions) await replaceRolePermissions(trx, before.id, afterPermissions);

		const changes: Record<string, { from: unknown; to: unknown }> = {};
		if (after.name !== before.name) changes.name = { from: before.name, to: after.name };
		if (after.description !== before.description) {
			changes.description = { from: before.description, to: after.description };
		}
		const added = afterPermissions.filter((p) => !beforePermissions.includes(p));
		const removed = beforePermissions.filter((p) => !afterPermissions.includes(p));
		if (added.length > 0 || removed.length > 0) changes.permissions = { from: beforePermissions, to: afterPermissions };

		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: clock.now(),
			actorUserId: actor.userId,
			targetUserId: null,
			action: "role.updated",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: {
				roleId: before.id,
				roleKey: before.key,
				changes,
				addedPermissions: added,
				removedPermissions: removed,
			},
		});
		return loadRole(trx, after);
	});
}

/**
 * Deletes a custom role. While it is assigned the delete is refused unless `force`, which
 * removes the assignments in the same transaction (listed in the one audit row). Open
 * invitations that would grant the role always block: revoke them first. Built-ins are read-only.
 */
export async function deleteRole(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TDeleteRoleInput,
	meta: RequestMeta,
): Promise<TDeleteRoleOutput> {
	return inTransaction(db, async (trx) => {
		const role = await lockRoleById(trx, actor.tenantId, input.roleId, "update");
		if (!role) throw new RoleNotFoundError();
		if (role.is_builtin) throw new BuiltinRoleReadOnlyError(role.key);
		const permissions = toPermissions((await findPermissionsOfRoles(trx, [role.id])).get(role.id));
		const grants = await findGrantsOfUser(trx, actor.tenantId, actor.userId);
		// Deleting strips the role from its holders: only someone who holds all of it tenant-wide may.
		assertMayDefine(grants, actor.tenantId, permissions);

		const invitations = await countOpenInvitationsOfRole(trx, actor.tenantId, role.id);
		if (invitations > 0) throw new RoleHasPendingInvitationsError(invitations);
		const assignmentCount = (await countAssignmentsOfRoles(trx, actor.tenantId, [role.id])).get(role.id) ?? 0;
		if (assignmentCount > 0 && !input.force) throw new RoleInUseError(assignmentCount);

		const removed = assignmentCount > 0 ? await deleteAssignmentsOfRole(trx, actor.tenantId, role.id) : [];
		if (!(await deleteCustomRole(trx, actor.tenantId, role.id))) throw new RoleNotFoundError();
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: clock.now(),
			actorUserId: actor.userId,
			targetUserId: null,
			action: "role.deleted",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: {
				roleId: role.id,
				roleKey: role.key,
				name: role.name,
				contextType: role.context_type,
				permissions,
				forced: input.force,
				removedAssignmentCount: removed.length,
				removedAssignments: removed.slice(0, AUDIT_LIST_CAP).map((row) => ({
					assignmentId: row.id,
					userId: row.user_id,
					contextType: row.context_type,
					contextId: row.context_id,
					appliesToSubAccounts: row.applies_to_sub_accounts,
				})),
			},
		});
		return { roleId: role.id, removedAssignments: removed.length };
	});
}

// ---------------------------------------------------------------------------------------------
// Assignments

/**
 * The role assignments of one user, each with its context's name. A user the actor may not
 * read is NOT_FOUND; reading them without roles.read there is FORBIDDEN. A space administrator
 * who cannot read the user otherwise sees only the user's assignments in their own spaces.
 */
export async function listAssignmentsOfUser(
	{ db }: Pick<CoreDeps, "db">,
	actor: SessionActor,
	userId: string,
): Promise<TRoleAssignment[]> {
	const user = await findUserById(db, actor.tenantId, userId);
	if (!user) throw new UserNotFoundError();
	const grants = await findGrantsOfUser(db, actor.tenantId, actor.userId);
	const assignments = await findAssignmentsOfUser(db, actor.tenantId, user.id);

	const userTarget = await targetOfUser(db, user);
	if (hasPermission(grants, "users.read", userTarget)) {
		if (!hasPermission(grants, "roles.read", userTarget)) throw new ForbiddenError("roles.read");
		return assignments.map(assignmentToOutput);
	}
	const visible: TRoleAssignment[] = [];
	for (const assignment of assignments) {
		if (assignment.contextType !== "space") continue;
		const { context } = await resolveStoredContext(db, actor.tenantId, "space", assignment.contextId, false);
		if (context.type !== "space") continue;
		const target = targetOfContext(context);
		if (hasPermission(grants, "users.read", target) && hasPermission(grants, "roles.read", target)) {
			visible.push(assignmentToOutput(assignment));
		}
	}
	// Nothing visible: to this actor the user does not exist.
	if (visible.length === 0) throw new UserNotFoundError();
	return visible;
}

/**
 * Assigns a role to a user in a context. Checks, in order: the role and the context exist in
 * the actor's tenant (else NOT_FOUND); the grant rules of `decideGrantChange` (context type,
 * roles.manage there, no self-escalation, nothing the actor does not hold there); the user is
 * visible to the actor (else NOT_FOUND) and not being deleted; no duplicate. The grant rules
 * come before the user lookup: they depend only on the role, the context and the actor, so a
 * refusal reveals nothing about the user. Audited as role.assigned.
 */
export async function assignRole(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TAssignRoleInput,
	meta: RequestMeta,
): Promise<TRoleAssignment> {
	return inTransaction(db, async (trx) => {
		// Shared lock: the permission set checked below cannot change before this commits.
		const role = await lockRoleById(trx, actor.tenantId, input.roleId, "share");
		if (!role) throw new RoleNotFoundError();
		const { context, contextId } = await resolveInputContext(trx, actor.tenantId, input.context);
		const appliesToSubAccounts = input.context.type === "account" && input.context.appliesToSubAccounts;
		const permissions = toPermissions((await findPermissionsOfRoles(trx, [role.id])).get(role.id));
		const grants = await findGrantsOfUser(trx, actor.tenantId, actor.userId);
		assertAllowed(
			decideGrantChange({
				operation: "assign",
				actorGrants: grants,
				actorUserId: actor.userId,
				assigneeUserId: input.userId,
				role: { contextType: role.context_type, permissions },
				context,
				appliesToSubAccounts,
			}),
			role.context_type,
			context.type,
		);

		const user = await lockUserById(trx, actor.tenantId, input.userId);
		if (!user || !(await isUserVisible(trx, actor, grants, user, context))) throw new UserNotFoundError();
		if (user.state === "deleting" || user.state === "deleted") throw new AssigneeDeletedError();
		// Changing someone's roles is acting on them: not on anyone who holds more than the actor.
		await assertNotOutranked(trx, actor, grants, user);

		const key = { tenantId: actor.tenantId, userId: user.id, roleId: role.id, contextType: context.type, contextId };
		if (await hasAssignment(trx, key)) throw new RoleAlreadyAssignedError();
		const now = clock.now();
		let inserted: { id: string } | undefined;
		try {
			inserted = await insertRoleAssignment(trx, {
				...key,
				appliesToSubAccounts,
				createdBy: actor.userId,
				createdAt: now,
			});
		} catch (error) {
			if (isUniqueViolation(error)) throw new RoleAlreadyAssignedError();
			throw error;
		}
		if (!inserted) throw new RoleAlreadyAssignedError();
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: user.id,
			action: "role.assigned",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: {
				assignmentId: inserted.id,
				roleId: role.id,
				roleKey: role.key,
				contextType: context.type,
				contextId,
				appliesToSubAccounts,
				permissions,
			},
		});
		const created = await findAssignmentById(trx, actor.tenantId, inserted.id);
		if (!created) throw new RoleAssignmentNotFoundError();
		return assignmentToOutput(created);
	});
}

/**
 * Removes one role assignment. Same rules as assigning (roles.manage and every permission of
 * the role in the assignment's context, with sub-account reach if the assignment has it): a
 * lesser administrator cannot strip a greater one. The last active tenant administrator cannot
 * be removed, so a tenant never locks itself out. Audited as role.unassigned.
 */
export async function unassignRole(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TUnassignRoleInput,
	meta: RequestMeta,
): Promise<TRoleAssignment> {
	return inTransaction(db, async (trx) => {
		const found = await findAssignmentById(trx, actor.tenantId, input.assignmentId);
		if (!found) throw new RoleAssignmentNotFoundError();
		// Role first, then the assignment: the same lock order as deleting a role, so no deadlock.
		// Exclusive: two concurrent removals of the last two administrators run one after the other.
		const role = await lockRoleById(trx, actor.tenantId, found.roleId, "update");
		const locked = await lockAssignmentById(trx, actor.tenantId, found.id);
		if (!role || !locked) throw new RoleAssignmentNotFoundError();

		const { context } = await resolveStoredContext(trx, actor.tenantId, found.contextType, found.contextId, false);
		const permissions = toPermissions((await findPermissionsOfRoles(trx, [role.id])).get(role.id));
		const grants = await findGrantsOfUser(trx, actor.tenantId, actor.userId);
		assertAllowed(
			decideGrantChange({
				operation: "remove",
				actorGrants: grants,
				actorUserId: actor.userId,
				assigneeUserId: found.userId,
				role: { contextType: role.context_type, permissions },
				context,
				appliesToSubAccounts: found.appliesToSubAccounts,
			}),
			role.context_type,
			context.type,
		);
		const user = await findUserById(trx, actor.tenantId, found.userId);
		if (!user || !(await isUserVisible(trx, actor, grants, user, context))) throw new RoleAssignmentNotFoundError();
		await assertNotOutranked(trx, actor, grants, user);

		if (role.is_builtin && role.key === TENANT_ADMIN_KEY && found.contextType === "tenant") {
			const remaining = await countOtherActiveTenantAssignments(trx, actor.tenantId, role.id, found.id);
			if (remaining === 0) throw new LastTenantAdminError();
		}

		await deleteAssignmentById(trx, actor.tenantId, found.id);
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: clock.now(),
			actorUserId: actor.userId,
			targetUserId: found.userId,
			action: "role.unassigned",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: {
				assignmentId: found.id,
				roleId: role.id,
				roleKey: role.key,
				contextType: found.contextType,
				contextId: found.contextId,
				appliesToSubAccounts: found.appliesToSubAccounts,
			},
		});
		return assignmentToOutput(found);
	});
}
