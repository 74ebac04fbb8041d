import type { UserState } from "@tessera/db/schema";
import { insertAuditEvent } from "../audit/audit.repository";
import { hasPasswordCredential } from "../auth/password-credential.repository";
import { revokeSessionsOfUser } from "../auth/session.repository";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import { authorizeOnUser } from "../roles/authorization.service";
import type { Permission } from "../roles/permissions";
import {
	findActiveHoldersOfRole,
	findRoleByKey,
	lockRoleByKey,
	type RoleAssignmentView,
} from "../roles/role.repository";
import { LastTenantAdminError } from "../roles/role-admin.errors";
import type { SessionActor } from "../shared/actor";
import { DAY } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import { ValidationError } from "../shared/errors";
import type { RequestMeta } from "../shared/request";
import { type Db, inTransaction, type Tx } from "../shared/tx";
import { type OwnProfile, type User, userRowToUser } from "./user";
import { IllegalStateTransitionError, UserNotFoundError, VersionConflictError } from "./user.errors";
import {
	findOwnProfileRow,
	findUserById,
	findUserVersion,
	lockUserById,
	type UserRecord,
	type UserViewRecord,
	updateUserIfVersion,
} from "./user.repository";
import type { TUpdateProfileInput } from "./user.schema";
import type { TChangeStateInput, TSetRequiredActionsInput } from "./user-admin.schema";
import { canTransition } from "./user-state";

/**
 * Deactivating or deleting the last active tenant administrator would lock everyone out of
 * administration. The tenant_admin role row is locked so two such changes serialise (the roles
 * service locks the same row when removing assignments).
 */
async function assertNotLastTenantAdmin(trx: Tx, tenantId: string, userId: string): Promise<void> {
	const role = await lockRoleByKey(trx, tenantId, "tenant_admin");
	if (!role) return;
	if (isSoleHolder(await findActiveHoldersOfRole(trx, role.id), userId)) throw new LastTenantAdminError();
}

function isSoleHolder(holders: readonly { user_id: string }[], userId: string): boolean {
	return holders.length === 1 && holders[0]?.user_id === userId;
}

/**
 * Whether the user is the tenant's only active tenant administrator, without locking: what the
 * admin page shows ahead of `assertNotLastTenantAdmin`, which decides under the lock.
 */
export async function isLastTenantAdmin(db: Db | Tx, tenantId: string, userId: string): Promise<boolean> {
	const role = await findRoleByKey(db, tenantId, "tenant_admin");
	return role !== undefined && isSoleHolder(await findActiveHoldersOfRole(db, role.id), userId);
}

/** Distinct, in code-unit order (byte order for the ASCII permission names), as the portal expects. */
function distinctSorted(values: Iterable<string>): string[] {
	return [...new Set(values)].sort();
}

/** What an own profile is made of: the user row, its tenant's slug and name, its role assignments. */
export type OwnProfileRow = UserViewRecord &
	Pick<UserRecord, "required_actions"> & { tenant_slug: string; tenant_name: string; roles: RoleAssignmentView[] };

/**
 * The own profile of `actor` from its row. The permission lists come from the actor's grants,
 * which the request's authentication read in the same moment as the session or key: no second
 * read, and nothing older than this request.
 */
export function ownProfileOf(actor: SessionActor, row: OwnProfileRow): OwnProfile {
	return {
		...userRowToUser(row),
		tenantSlug: row.tenant_slug,
		tenantName: row.tenant_name,
		permissions: distinctSorted(actor.grants.map((grant) => grant.permission)),
		// Held for the whole tenant: assigned in the tenant's own context.
		tenantPermissions: distinctSorted(
			actor.grants
				.filter((grant) => grant.contextType === "tenant" && grant.contextId === actor.tenantId)
				.map((grant) => grant.permission),
		),
		requiredActions: row.required_actions,
		roles: row.roles,
	};
}

/** The signed-in user's own profile, with tenant and role information for the portal. */
export async function getOwnProfile({ db }: Pick<CoreDeps, "db">, actor: SessionActor): Promise<OwnProfile> {
	const row = await findOwnProfileRow(db, actor.tenantId, actor.userId);
	if (!row) throw new UserNotFoundError();
	return ownProfileOf(actor, row);
}

/** Which fields differ, as before/after pairs for the audit log (no secrets live on this row). */
function diff(before: UserRecord, after: UserRecord, fields: readonly (keyof UserRecord)[]) {
	const changes: Record<string, { from: unknown; to: unknown }> = {};
	for (const field of fields) {
		if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
	}
	return changes;
}

async function conflictOrNotFound(db: Db | Tx, tenantId: string, userId: string): Promise<never> {
	const current = await findUserVersion(db, tenantId, userId);
	if (current === undefined) throw new UserNotFoundError();
	throw new VersionConflictError(current);
}

/**
 * Applies the user's own profile edit if `version` is still current; otherwise nothing is
 * written and the conflict carries the current version. Changing the phone number clears its
 * verification: the flag always describes the number on record.
 */
export async function updateOwnProfile(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TUpdateProfileInput,
	meta: RequestMeta,
): Promise<User> {
	return inTransaction(db, async (trx) => {
		const before = await lockUserById(trx, actor.tenantId, actor.userId);
		if (!before) throw new UserNotFoundError();
		if (before.version !== input.version) throw new VersionConflictError(before.version);

		const patch: Parameters<typeof updateUserIfVersion>[4] = {};
		if (input.firstName !== undefined) patch.first_name = input.firstName;
		if (input.lastName !== undefined) patch.last_name = input.lastName;
		if (input.language !== undefined) patch.language = input.language;
		if (input.timeZone !== undefined) patch.time_zone = input.timeZone;
		if (input.phone !== undefined && input.phone !== before.phone) {
			// A verified number may be a second factor: changing it is a new binding that must be
			// confirmed by SMS after re-authentication (SECURITY L10, M12), not a profile edit.
			if (before.phone_verified) {
				throw new ValidationError({
					phone: ["A verified number is changed under Security, where the new number is confirmed"],
				});
			}
			patch.phone = input.phone;
			patch.phone_verified = false;
		}

		const now = clock.now();
		const after = await updateUserIfVersion(trx, actor.tenantId, actor.userId, input.version, patch, now);
		if (!after) return conflictOrNotFound(trx, actor.tenantId, actor.userId);
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: actor.userId,
			action: "user.profile_updated",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: {
				changes: diff(before, after, ["first_name", "last_name", "language", "time_zone", "phone", "phone_verified"]),
			},
		});
		return userRowToUser(after);
	});
}

/** What each move of `changeUserState` needs on the user (`users.detail` offers actions by the same table). */
export const PERMISSION_FOR_STATE = {
	active: "users.write",
	inactive: "users.write",
	deleting: "users.delete",
} as const satisfies Record<TChangeStateInput["to"], Permission>;

/** What `setRequiredActions` needs on the user. */
export const REQUIRED_ACTIONS_PERMISSION = "users.security" satisfies Permission;

/**
 * Which moves `changeUserState` makes, from where: the lifecycle's own transitions, except that
 * a pending deletion is cancelled only by `restoreUser`, which needs users.delete (users.write
 * alone must not undo a deletion someone with users.delete scheduled).
 */
export function isStateChangeApplicable(from: UserState, to: TChangeStateInput["to"]): boolean {
	return canTransition(from, to) && !(from === "deleting" && to === "inactive");
}

/**
 * An administrator moves a user through the lifecycle. Checks the permission in the target's
 * context, the version, and the transition; sets the planned purge date on delete; ends the
 * user's sessions when they can no longer act. All in one transaction with its audit row.
 */
export async function changeUserState(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TChangeStateInput,
	meta: RequestMeta,
): Promise<User> {
	return inTransaction(db, async (trx) => {
		const before = await lockUserById(trx, actor.tenantId, input.userId);
		if (!before) throw new UserNotFoundError();
		await authorizeOnUser(trx, actor, PERMISSION_FOR_STATE[input.to], before);
		if (before.version !== input.version) throw new VersionConflictError(before.version);
		if (!isStateChangeApplicable(before.state, input.to)) {
			throw new IllegalStateTransitionError(before.state, input.to);
		}
		if (input.to !== "active") await assertNotLastTenantAdmin(trx, actor.tenantId, input.userId);

		const now = clock.now();
		const policy = await getTenantPolicy(trx, actor.tenantId);
		const after = await updateUserIfVersion(
			trx,
			actor.tenantId,
			input.userId,
			input.version,
			{
				state: input.to,
				// Dormancy counts from here too: a reactivated account is not deactivated again at once.
				state_changed_at: now,
				planned_purge_at:
					input.to === "deleting" ? new Date(now.getTime() + policy.lifecycle.purgeDelayDays * DAY) : null,
				// Reactivation forces a fresh credential at next sign-in (SECURITY L04, PCI DSS 8.3.3).
				...(input.to === "active" && before.state === "inactive" && (await hasPassword(trx, input.userId))
					? { required_actions: [...new Set([...before.required_actions, "change_password" as const])] }
					: {}),
			},
			now,
		);
		if (!after) return conflictOrNotFound(trx, actor.tenantId, input.userId);
		if (input.to !== "active") await revokeSessionsOfUser(trx, actor.tenantId, input.userId, now);
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: input.userId,
			action: "user.state_changed",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: { changes: diff(before, after, ["state", "planned_purge_at"]) },
		});
		return userRowToUser(after);
	});
}

async function hasPassword(trx: Tx, userId: string): Promise<boolean> {
	return hasPasswordCredential(trx, userId);
}

/** An administrator reads one user. Outside the actor's reach the user does not exist. */
export async function getUser({ db }: Pick<CoreDeps, "db">, actor: SessionActor, userId: string): Promise<User> {
	const row = await findUserById(db, actor.tenantId, userId);
	if (!row) throw new UserNotFoundError();
	await authorizeOnUser(db, actor, "users.read", row);
	return userRowToUser(row);
}

/**
 * An administrator asks a user to complete steps at their next sign-in (change the password,
 * verify the email address, enrol MFA, register a passkey). Needs users.security on the target.
 * A forced password change also ends the user's sessions, so it applies at once.
 */
export async function setRequiredActions(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TSetRequiredActionsInput,
	meta: RequestMeta,
): Promise<User> {
	return inTransaction(db, async (trx) => {
		const before = await lockUserById(trx, actor.tenantId, input.userId);
		if (!before) throw new UserNotFoundError();
		await authorizeOnUser(trx, actor, REQUIRED_ACTIONS_PERMISSION, before);
		if (before.version !== input.version) throw new VersionConflictError(before.version);
		const now = clock.now();
		const actions = [...new Set(input.actions)].sort();
		const after = await updateUserIfVersion(
			trx,
			actor.tenantId,
			input.userId,
			input.version,
			{ required_actions: actions },
			now,
		);
		if (!after) return conflictOrNotFound(trx, actor.tenantId, input.userId);
		if (actions.includes("change_password") && !before.required_actions.includes("change_password")) {
			await revokeSessionsOfUser(trx, actor.tenantId, input.userId, now);
		}
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: input.userId,
			action: "user.required_actions_set",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: { changes: { required_actions: { from: before.required_actions, to: actions } } },
		});
		return userRowToUser(after);
	});
}
