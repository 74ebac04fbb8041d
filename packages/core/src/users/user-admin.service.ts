/**
 * Administrator actions on one user. Each checks the permission in the target's own context
 * (outside the actor's reach a user does not exist), checks the version where it edits the
 * user, and writes its audit row in the same transaction as the change.
 */
import { findRecentEventsAboutUser, insertAuditEvent } from "../audit/audit.repository";
import { findPasswordCreatedAt } from "../auth/password-credential.repository";
import { listSessionsSeenSince, revokeSessionsOfUser } from "../auth/session.repository";
import { SESSION_IDLE_TIMEOUT_MS } from "../auth/session.service";
import { describeUserAgent } from "../auth/user-agent";
import { deleteSecondFactorsOfUser } from "../mfa/mfa.repository";
import { loadMfaState, syncTwoFactorFlags } from "../mfa/mfa-status.service";
import { listPasskeys } from "../passkeys/passkey.service";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import { authorizeOnUser } from "../roles/authorization.service";
import { findRoleAssignmentsOfUser } from "../roles/role.repository";
import type { SessionActor } from "../shared/actor";
import { type Clock, DAY } from "../shared/clock";
import { DomainError } from "../shared/errors";
import type { RequestMeta } from "../shared/request";
import { type Db, inTransaction, isUniqueViolation, type Tx } from "../shared/tx";
import { findAccountInTenant } from "../tenants/account.repository";
import { notifyUser } from "./notify-user";
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
import { changeUserState } from "./user.service";
import type { TAdminUpdateUserInput } from "./user-admin.schema";

async function audit(
	trx: Db | Tx,
	clock: Clock,
	actor: SessionActor,
	target: string,
	action: string,
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

/**
 * Everything an administrator needs to judge a user's security: MFA status and methods,
 * passkeys, live sessions, password age and expiry, lockout, roles and recent audit events.
 * No secret (TOTP secret, codes, hashes, tokens) is part of it.
 */
export async function getUserSecurityDetail(db: Db, clock: Clock, actor: SessionActor, userId: string) {
	const row = await findUserById(db, actor.tenantId, userId);
	if (!row) throw new UserNotFoundError();
	await authorizeOnUser(db, actor, "users.read", row);
	const now = clock.now();
	const [policy, mfa, passkeys, sessions, roles, events, credential, primaryAccount] = await Promise.all([
		getTenantPolicy(db, actor.tenantId),
		loadMfaState(db, actor.tenantId, userId),
		listPasskeys(db, { tenantId: actor.tenantId, userId }),
		listSessionsSeenSince(db, actor.tenantId, userId, now, new Date(now.getTime() - SESSION_IDLE_TIMEOUT_MS)),
		findRoleAssignmentsOfUser(db, actor.tenantId, userId),
		// The actor's name as it is now (a purged actor's row is scrubbed, so it names nobody).
		findRecentEventsAboutUser(db, actor.tenantId, userId),
		findPasswordCreatedAt(db, userId),
		row.primary_account_id ? findAccountInTenant(db, actor.tenantId, row.primary_account_id) : undefined,
	]);
	const changedAt = row.password_changed_at ?? credential?.created_at ?? null;
	const maxAge = policy.password.maxAgeDays;
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
		lockout: {
			failedAttempts: row.failed_attempts,
			lockedUntil: row.locked_until && row.locked_until.getTime() > now.getTime() ? row.locked_until : null,
		},
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
	db: Db,
	clock: Clock,
	actor: SessionActor,
	input: TAdminUpdateUserInput,
	meta: RequestMeta,
): Promise<User> {
	try {
		return await inTransaction(db, async (trx) => {
			const before = await lockUserById(trx, actor.tenantId, input.userId);
			if (!before) throw new UserNotFoundError();
			await authorizeOnUser(trx, actor, "users.write", before);
			if (before.version !== input.version) throw new VersionConflictError(before.version);
			if (input.primaryAccountId !== undefined && input.primaryAccountId !== before.primary_account_id) {
				// Moving someone into an account needs the same permission there: nobody hands users to a place they cannot manage.
				if (input.primaryAccountId !== null) {
					const exists = await findAccountInTenant(trx, actor.tenantId, input.primaryAccountId);
					if (!exists) throw new UserNotFoundError();
				}
				await authorizeOnUser(trx, actor, "users.write", {
					tenant_id: actor.tenantId,
					primary_account_id: input.primaryAccountId,
				});
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
	permission: "users.security",
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
	db: Db,
	clock: Clock,
	actor: SessionActor,
	userId: string,
	meta: RequestMeta,
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const user = await lockedTarget(trx, actor, userId, "users.security");
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
	db: Db,
	clock: Clock,
	actor: SessionActor,
	userId: string,
	meta: RequestMeta,
): Promise<number> {
	return inTransaction(db, async (trx) => {
		await lockedTarget(trx, actor, userId, "users.security");
		const count = await revokeSessionsOfUser(trx, actor.tenantId, userId, clock.now());
		await audit(trx, clock, actor, userId, "user.sessions_revoked", meta, { count });
		return count;
	});
}

/** Lifts a lockout and clears the failure budget. */
export async function unlockUser(
	db: Db,
	clock: Clock,
	actor: SessionActor,
	userId: string,
	meta: RequestMeta,
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const user = await lockedTarget(trx, actor, userId, "users.security");
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
	db: Db,
	clock: Clock,
	actor: SessionActor,
	input: { to: "active" | "inactive"; users: { userId: string; version: number }[] },
	meta: RequestMeta,
) {
	const results: { userId: string; ok: boolean; code: string | null; version: number | null }[] = [];
	for (const { userId, version } of input.users) {
		try {
			const user = await changeUserState(db, clock, actor, { userId, version, to: input.to }, meta);
			results.push({ userId, ok: true, code: null, version: user.version });
		} catch (error) {
			if (!(error instanceof DomainError)) throw error;
			results.push({ userId, ok: false, code: error.code, version: null });
		}
	}
	return results;
}
