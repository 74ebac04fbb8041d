/**
 * Administrator actions on one user. Each checks the permission in the target's own context
 * (outside the actor's reach a user does not exist), checks the version where it edits the
 * user, and writes its audit row in the same transaction as the change.
 */

import type { UserState } from "@tessera/db/schema";
import { findRecentEventsAboutUser, insertAuditEvent } from "../audit/audit.repository";
import type { AuditAction } from "../audit/audit-actions";
import { findPasswordCreatedAt } from "../auth/password-credential.repository";
import { canReceivePasswordReset } from "../auth/password-reset.service";
import { listLiveSessionsOfUser, revokeSessionsOfUser } from "../auth/session.repository";
import { deleteSecondFactorsOfUser } from "../mfa/mfa.repository";
import { loadMfaState, syncTwoFactorFlags } from "../mfa/mfa-status.service";
import { listPasskeys } from "../passkeys/passkey.service";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import {
	authorizeInUserContext,
	authorizeOnUser,
	decideOnUser,
	loadUserAuthority,
	type UserAuthority,
} from "../roles/authorization.service";
import type { Permission } from "../roles/permissions";
import { findRoleAssignmentsOfUser } from "../roles/role.repository";
import { outrankingPermissions } from "../roles/role-grant";
import type { SessionActor } from "../shared/actor";
import { type Clock, DAY } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import { DomainError } from "../shared/errors";
import type { RequestMeta } from "../shared/request";
import { type Db, inTransaction, isUniqueViolation, type Tx } from "../shared/tx";
import { describeUserAgent } from "../shared/user-agent";
import { findAccountInTenant } from "../tenants/account.repository";
import { notifyUser } from "./notify-user";
import { RESTORE_PERMISSION } from "./restore.service";
import { type User, userRowToUser } from "./user";
import { UserNotFoundError, UsernameTakenError, VersionConflictError } from "./user.errors";
import {
	clearLockout,
	disableMfaChannels,
	findUserById,
	findUserVersion,
	lockUserById,
	type UserRecord,
	updateUserIfVersion,
} from "./user.repository";
import {
	changeUserState,
	isLastTenantAdmin,
	isStateChangeApplicable,
	PERMISSION_FOR_STATE,
	REQUIRED_ACTIONS_PERMISSION,
} from "./user.service";
import type {
	TAdminUpdateUserInput,
	TBulkStateInput,
	TBulkStateOutput,
	TUserActionDecision,
	TUserActionRefusal,
	TUserActions,
	TUserAdminAction,
} from "./user-admin.schema";

async function audit(
	trx: Db | Tx,
	clock: Clock,
	actor: SessionActor,
	target: string,
	action: AuditAction,
	meta: RequestMeta,
	details: Record<string, unknown>,
) {
	await insertAuditEvent(trx, {
		tenantId: actor.tenantId,
		occurredAt: clock.now(),
		actorUserId: actor.userId,
		targetUserId: target,
		action,
		outcome: "success",
		ip: meta.ip,
		userAgent: meta.userAgent,
		details,
	});
}

/** What `adminUpdateUser` needs on the user (and on the account a user is moved into). */
const EDIT_PERMISSION = "users.write" satisfies Permission;
/** What resetting MFA, ending sessions and unlocking need on the user. */
const SECURITY_PERMISSION = "users.security" satisfies Permission;

/**
 * The permission each action needs on the user: the constants the mutations check, so the page
 * and the API cannot disagree. Changing roles is checked in each role's own context instead.
 */
const USER_ACTION_PERMISSION = {
	editProfile: EDIT_PERMISSION,
	deactivate: PERMISSION_FOR_STATE.inactive,
	reactivate: PERMISSION_FOR_STATE.active,
	delete: PERMISSION_FOR_STATE.deleting,
	restore: RESTORE_PERMISSION,
	forcePasswordChange: REQUIRED_ACTIONS_PERMISSION,
	setRequiredActions: REQUIRED_ACTIONS_PERMISSION,
	resetMfa: SECURITY_PERMISSION,
	revokeSessions: SECURITY_PERMISSION,
	unlock: SECURITY_PERMISSION,
	sendPasswordReset: SECURITY_PERMISSION,
} as const satisfies Record<Exclude<TUserAdminAction, "changeRoles">, Permission>;

/** What the actions depend on besides who may act: facts about the user, read for the detail page. */
export interface UserActionFacts {
	state: UserState;
	passwordSet: boolean;
	requiredActions: readonly string[];
	hasSecondFactor: boolean;
	sessionCount: number;
	isLockedOut: boolean;
	isLastTenantAdmin: boolean;
	/** Can sign in and has an address to mail a reset link to. */
	canReceivePasswordReset: boolean;
}

/** States in which the user still exists as a person who can sign in again. */
function isLive(state: UserState): boolean {
	return state === "create" || state === "active" || state === "inactive";
}

const ALLOWED: TUserActionDecision = { allowed: true, reason: null };
const refused = (reason: TUserActionRefusal): TUserActionDecision => ({ allowed: false, reason });

/**
 * What the actor may do to the user now, each with the first reason it may not: who may act
 * (`decideOnUser`, the rule `authorizeOnUser` enforces, hierarchy included), then the lifecycle
 * (the moves `changeUserState` and `restoreUser` make), then whether it would change anything,
 * then the last-tenant-administrator guard. A hint for the page; every mutation decides again.
 */
export function decideUserActions(actor: SessionActor, authority: UserAuthority, facts: UserActionFacts): TUserActions {
	const who = (action: keyof typeof USER_ACTION_PERMISSION): TUserActionDecision | null => {
		const decision = decideOnUser(actor, authority, USER_ACTION_PERMISSION[action]);
		if (decision.allowed) return null;
		return refused(decision.reason === "target_outranks_actor" ? "target_outranks_actor" : "missing_permission");
	};
	const decide = (action: keyof typeof USER_ACTION_PERMISSION, ...checks: (TUserActionRefusal | null)[]) =>
		who(action) ?? checks.map((reason) => (reason ? refused(reason) : null)).find(Boolean) ?? ALLOWED;
	const when = (condition: boolean, reason: TUserActionRefusal) => (condition ? null : reason);
	const { state } = facts;
	const lastAdmin = when(!facts.isLastTenantAdmin, "last_tenant_admin");
	return {
		editProfile: decide("editProfile", when(isLive(state), "not_applicable_in_state")),
		deactivate: decide(
			"deactivate",
			when(state === "active" && isStateChangeApplicable(state, "inactive"), "not_applicable_in_state"),
			lastAdmin,
		),
		reactivate: decide(
			"reactivate",
			when(state === "inactive" && isStateChangeApplicable(state, "active"), "not_applicable_in_state"),
		),
		delete: decide("delete", when(isStateChangeApplicable(state, "deleting"), "not_applicable_in_state"), lastAdmin),
		restore: decide("restore", when(state === "deleting", "not_applicable_in_state")),
		forcePasswordChange: decide(
			"forcePasswordChange",
			when(isLive(state), "not_applicable_in_state"),
			when(facts.passwordSet && !facts.requiredActions.includes("change_password"), "nothing_to_do"),
		),
		setRequiredActions: decide("setRequiredActions", when(isLive(state), "not_applicable_in_state")),
		resetMfa: decide(
			"resetMfa",
			when(isLive(state), "not_applicable_in_state"),
			when(facts.hasSecondFactor, "nothing_to_do"),
		),
		revokeSessions: decide("revokeSessions", when(facts.sessionCount > 0, "nothing_to_do")),
		unlock: decide("unlock", when(facts.isLockedOut, "nothing_to_do")),
		// The same test `sendPasswordResetByAdmin` applies: someone who can sign in, with an address.
		sendPasswordReset: decide("sendPasswordReset", when(facts.canReceivePasswordReset, "not_applicable_in_state")),
		changeRoles: decideChangeRoles(actor, authority, state),
	};
}

/**
 * Changing roles needs roles.manage somewhere (each assignment checks it in its own context), the
 * hierarchy (`assertNotOutranked`, the same rule), and a user who is not being deleted.
 */
function decideChangeRoles(actor: SessionActor, authority: UserAuthority, state: UserState): TUserActionDecision {
	if (!authority.actorGrants.some((grant) => grant.permission === "roles.manage")) return refused("missing_permission");
	if (outrankingPermissions(actor.userId, authority.actorGrants, authority.target).length > 0) {
		return refused("target_outranks_actor");
	}
	return state === "deleting" || state === "deleted" ? refused("not_applicable_in_state") : ALLOWED;
}

/**
 * Everything an administrator needs to judge a user's security: MFA status and methods,
 * passkeys, live sessions, password age and expiry, lockout, roles and recent audit events.
 * No secret (TOTP secret, codes, hashes, tokens) is part of it.
 */
export async function getUserSecurityDetail(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	userId: string,
) {
	const row = await findUserById(db, actor.tenantId, userId);
	if (!row) throw new UserNotFoundError();
	await authorizeOnUser(db, actor, "users.read", row);
	const now = clock.now();
	const [policy, mfa, passkeys, sessions, roles, events, credential, primaryAccount, authority, lastAdmin] =
		await Promise.all([
			getTenantPolicy(db, actor.tenantId),
			loadMfaState(db, actor.tenantId, userId),
			listPasskeys(db, { tenantId: actor.tenantId, userId }),
			listLiveSessionsOfUser(db, actor.tenantId, userId, now),
			findRoleAssignmentsOfUser(db, actor.tenantId, userId),
			// The actor's name as it is now (a purged actor's row is scrubbed, so it names nobody).
			findRecentEventsAboutUser(db, actor.tenantId, userId),
			findPasswordCreatedAt(db, userId),
			row.primary_account_id ? findAccountInTenant(db, actor.tenantId, row.primary_account_id) : undefined,
			loadUserAuthority(db, actor, row),
			isLastTenantAdmin(db, actor.tenantId, userId),
		]);
	const changedAt = row.password_changed_at ?? credential?.created_at ?? null;
	const maxAge = policy.password.maxAgeDays;
	const lockedUntil = row.locked_until && row.locked_until.getTime() > now.getTime() ? row.locked_until : null;
	return {
		user: userRowToUser(row),
		primaryAccount: primaryAccount ? { id: primaryAccount.id, name: primaryAccount.name } : null,
		requiredActions: row.required_actions,
		password: {
			set: credential !== undefined,
			changedAt,
			ageDays: changedAt ? Math.floor((now.getTime() - changedAt.getTime()) / DAY) : null,
			expiresAt: changedAt && maxAge !== null ? new Date(changedAt.getTime() + maxAge * DAY) : null,
		},
		lockout: { failedAttempts: row.failed_attempts, lockedUntil },
		mfa: {
			enabled: mfa.enrolled.length > 0,
			preferred: mfa.preferred,
			methods: mfa.enrolled,
			recoveryCodesRemaining: mfa.recoveryCodesRemaining,
		},
		passkeys,
		sessions: sessions.map((s) => ({
			id: s.id,
			createdAt: s.created_at,
			lastActiveAt: s.last_seen_at,
			ip: s.ip,
			userAgent: s.user_agent,
			...describeUserAgent(s.user_agent),
			amr: s.amr,
		})),
		roles,
		actions: decideUserActions(actor, authority, {
			state: row.state,
			passwordSet: credential !== undefined,
			requiredActions: row.required_actions,
			hasSecondFactor: mfa.enrolled.length > 0 || passkeys.length > 0,
			sessionCount: sessions.length,
			isLockedOut: lockedUntil !== null || row.failed_attempts > 0,
			isLastTenantAdmin: lastAdmin,
			canReceivePasswordReset: canReceivePasswordReset(row),
		}),
		recentEvents: events.map((e) => ({
			id: e.id,
			occurredAt: e.occurred_at,
			action: e.action,
			outcome: e.outcome,
			actorUserId: e.actor_user_id,
			actorName: [e.actor_first_name, e.actor_last_name].filter(Boolean).join(" ") || e.actor_email || null,
			ip: e.ip,
		})),
	};
}

async function conflictOrNotFound(db: Db | Tx, tenantId: string, userId: string): Promise<never> {
	const current = await findUserVersion(db, tenantId, userId);
	if (current === undefined) throw new UserNotFoundError();
	throw new VersionConflictError(current);
}

/** Edits profile fields of a user in the actor's reach, naming the version it read. */
export async function adminUpdateUser(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TAdminUpdateUserInput,
	meta: RequestMeta,
): Promise<User> {
	try {
		return await inTransaction(db, async (trx) => {
			const before = await lockUserById(trx, actor.tenantId, input.userId);
			if (!before) throw new UserNotFoundError();
			await authorizeOnUser(trx, actor, EDIT_PERMISSION, before);
			if (before.version !== input.version) throw new VersionConflictError(before.version);
			if (input.primaryAccountId !== undefined && input.primaryAccountId !== before.primary_account_id) {
				// Moving someone into an account needs the same permission there: nobody hands users to a place they cannot manage.
				if (input.primaryAccountId !== null) {
					const exists = await findAccountInTenant(trx, actor.tenantId, input.primaryAccountId);
					if (!exists) throw new UserNotFoundError();
				}
				await authorizeInUserContext(trx, actor, EDIT_PERMISSION, input.primaryAccountId);
			}
			const patch: Parameters<typeof updateUserIfVersion>[4] = {};
			if (input.firstName !== undefined) patch.first_name = input.firstName;
			if (input.lastName !== undefined) patch.last_name = input.lastName;
			if (input.username !== undefined) patch.username = input.username;
			if (input.language !== undefined) patch.language = input.language;
			if (input.timeZone !== undefined) patch.time_zone = input.timeZone;
			if (input.primaryAccountId !== undefined) patch.primary_account_id = input.primaryAccountId;
			const after = await updateUserIfVersion(trx, actor.tenantId, input.userId, input.version, patch, clock.now());
			if (!after) return conflictOrNotFound(trx, actor.tenantId, input.userId);
			const changes: Record<string, { from: unknown; to: unknown }> = {};
			for (const key of [
				"first_name",
				"last_name",
				"username",
				"language",
				"time_zone",
				"primary_account_id",
			] as const) {
				if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
			}
			await audit(trx, clock, actor, input.userId, "user.updated", meta, { changes });
			return userRowToUser(after);
		});
	} catch (error) {
		if (isUniqueViolation(error, "users_tenant_username_key")) throw new UsernameTakenError();
		throw error;
	}
}

async function lockedTarget(
	trx: Tx,
	actor: SessionActor,
	userId: string,
	permission: typeof SECURITY_PERMISSION,
): Promise<UserRecord> {
	const user = await lockUserById(trx, actor.tenantId, userId);
	if (!user) throw new UserNotFoundError();
	await authorizeOnUser(trx, actor, permission, user);
	return user;
}

/**
 * Removes every second factor of a user (TOTP, passkeys, recovery codes, SMS/email opt-ins),
 * ends their sessions and tells them. Policy may then require re-enrolment at next sign-in.
 * The administrator never sees or sets any factor (SECURITY A11).
 */
export async function resetUserMfa(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	userId: string,
	meta: RequestMeta,
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const user = await lockedTarget(trx, actor, userId, SECURITY_PERMISSION);
		const now = clock.now();
		const removed = await loadMfaState(trx, actor.tenantId, userId);
		await deleteSecondFactorsOfUser(trx, userId);
		await disableMfaChannels(trx, userId);
		await syncTwoFactorFlags(trx, actor.tenantId, userId, now);
		await revokeSessionsOfUser(trx, actor.tenantId, userId, now);
		await audit(trx, clock, actor, userId, "user.mfa_reset", meta, { removedMethods: removed.enrolled });
		await notifyUser(trx, clock, user, "mfa_disabled", { method: "totp" });
	});
}

/** Ends every session of a user at once (SECURITY S08). */
export async function revokeUserSessions(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	userId: string,
	meta: RequestMeta,
): Promise<number> {
	return inTransaction(db, async (trx) => {
		await lockedTarget(trx, actor, userId, SECURITY_PERMISSION);
		const count = await revokeSessionsOfUser(trx, actor.tenantId, userId, clock.now());
		await audit(trx, clock, actor, userId, "user.sessions_revoked", meta, { count });
		return count;
	});
}

/** Lifts a lockout and clears the failure budget. */
export async function unlockUser(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	userId: string,
	meta: RequestMeta,
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const user = await lockedTarget(trx, actor, userId, SECURITY_PERMISSION);
		await clearLockout(trx, userId);
		await audit(trx, clock, actor, userId, "user.unlocked", meta, {
			wasLockedUntil: user.locked_until,
			failedAttempts: user.failed_attempts,
		});
	});
}

/**
 * Activates or deactivates many users, each with the version the admin saw. Each user is its own
 * transaction; the answer says per user whether it worked and, if not, why (by domain code).
 */
export async function bulkChangeState(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	input: TBulkStateInput,
	meta: RequestMeta,
): Promise<TBulkStateOutput> {
	const results: TBulkStateOutput = [];
	for (const { userId, version } of input.users) {
		try {
			const user = await changeUserState({ db, clock }, actor, { userId, version, to: input.to }, meta);
			results.push({ userId, ok: true, code: null, version: user.version });
		} catch (error) {
			if (!(error instanceof DomainError)) throw error;
			results.push({ userId, ok: false, code: error.code, version: null });
		}
	}
	return results;
}
