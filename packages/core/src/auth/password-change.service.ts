import { insertAuditEvent } from "../audit/audit.repository";
import { WeakPasswordError } from "../passwords/password.errors";
import { hashPassword, verifyPassword } from "../passwords/password-hash";
import { isRecentlyUsed, recordPasswordChange } from "../passwords/password-history.service";
import { checkPasswordRules } from "../passwords/password-rules";
import type { TenantPolicy } from "../policy/tenant-policy";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import type { SessionActor } from "../shared/actor";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { type Db, inTransaction, type Tx } from "../shared/tx";
import { findTenantById } from "../tenants/tenant.repository";
import { notifyUser } from "../users/notify-user";
import { UserNotFoundError } from "../users/user.errors";
import { findUserById, lockUserById, markPasswordChanged, type UserRecord } from "../users/user.repository";
import { PasswordReusedError, WrongPasswordError } from "./auth.errors";
import { attemptCredential } from "./credential-attempt.service";
import { findPasswordCredential, upsertPasswordCredential } from "./password-credential.repository";
import { voidPasswordResetTokens } from "./password-reset.repository";
import { revokeOtherSessions } from "./session.repository";

/**
 * A new password against the tenant's rules (length, complexity, strength, context words): what
 * the password is, not what it was. Checked before any lock, hashing or writing; the history
 * (`assertPasswordNotRecent`) is checked later, under the lock.
 */
export async function assertPasswordMeetsRules(
	deps: Pick<CoreDeps, "db">,
	policy: TenantPolicy,
	user: UserRecord,
	newPassword: string,
): Promise<void> {
	const tenant = await findTenantById(deps.db, user.tenant_id);
	const verdict = checkPasswordRules(newPassword, policy.password, {
		tenantName: tenant?.name,
		tenantSlug: tenant?.slug,
		email: user.email,
		firstName: user.first_name,
		lastName: user.last_name,
		username: user.username,
	});
	if (!verdict.ok) throw new WeakPasswordError(verdict.violations);
}

/**
 * The history: not one of the user's last N passwords. Every flow checks it in the transaction
 * that stores the new password, after what it claims there (a reset link, an invitation, a
 * sign-in step, the password just proven): a parallel loser then learns that its claim failed,
 * not that the winner's password is "reused". A refusal rolls the claim back with the rest.
 */
export async function assertPasswordNotRecent(
	db: Db | Tx,
	policy: TenantPolicy,
	user: UserRecord,
	newPassword: string,
): Promise<void> {
	if (await isRecentlyUsed(db, user.tenant_id, user.id, newPassword, policy.password.historyCount)) {
		throw new PasswordReusedError(policy.password.historyCount);
	}
}

/**
 * Stores a new password hash (keeping the old one in history), clears a pending forced change,
 * ends the user's other sessions (SECURITY A19), audits and notifies. Runs inside `trx`.
 */
export async function storeNewPassword(
	deps: CoreDeps,
	trx: Tx,
	policy: TenantPolicy,
	user: UserRecord,
	newPassword: string,
	meta: RequestMeta & { keepSessionId: string | null; reason: "change" | "expired" | "required" | "reset" },
): Promise<void> {
	const now = deps.clock.now();
	const newHash = await hashPassword(newPassword);
	const old = await findPasswordCredential(trx, user.tenant_id, user.id);
	if (old) {
		await recordPasswordChange(trx, {
			tenantId: user.tenant_id,
			userId: user.id,
			oldHash: old.password_hash,
			now,
			keep: Math.max(policy.password.historyCount - 1, 0),
		});
	}
	await upsertPasswordCredential(trx, user.tenant_id, user.id, newHash, now);
	await markPasswordChanged(trx, user.id, now);
	// A reset link sent before this change must not set the password back (SECURITY A18).
	await voidPasswordResetTokens(trx, user.id, now);
	const ended = await revokeOtherSessions(trx, user.tenant_id, user.id, meta.keepSessionId, now);
	await insertAuditEvent(trx, {
		tenantId: user.tenant_id,
		occurredAt: now,
		actorUserId: user.id,
		targetUserId: user.id,
		action: meta.reason === "reset" ? "auth.password_reset" : "auth.password_changed",
		outcome: "success",
		ip: meta.ip,
		userAgent: meta.userAgent,
		details: { reason: meta.reason, otherSessionsEnded: ended },
	});
	await notifyUser(trx, deps.clock, user, "password_changed", {});
}

/**
 * A signed-in user changes their password. The current password is required, and a wrong one
 * counts as a failed attempt against the lockout budget (SECURITY A10).
 */
export async function changeOwnPassword(
	deps: CoreDeps,
	actor: SessionActor,
	input: { currentPassword: string; newPassword: string },
	meta: RequestMeta,
): Promise<void> {
	const policy = await getTenantPolicy(deps.db, actor.tenantId);
	const user = await findUserById(deps.db, actor.tenantId, actor.userId);
	if (!user) throw new UserNotFoundError();
	// The current password is checked like every other secret: from the lockout budget, and the
	// wrong answer that spends it locks the account and ends all its sessions, this one included.
	let proven: string | undefined;
	const outcome = await attemptCredential(
		deps,
		{ user: { tenantId: actor.tenantId, userId: actor.userId }, policy, meta, kind: { type: "password_change" } },
		async () => {
			const credential = await findPasswordCredential(deps.db, actor.tenantId, actor.userId);
			proven = credential?.password_hash;
			return credential !== undefined && (await verifyPassword(credential.password_hash, input.currentPassword));
		},
	);
	if (outcome.status !== "verified") throw new WrongPasswordError();
	await assertPasswordMeetsRules(deps, policy, user, input.newPassword);
	await inTransaction(deps.db, async (trx) => {
		const locked = await lockUserById(trx, actor.tenantId, actor.userId);
		if (!locked) throw new UserNotFoundError();
		// The password proven above must still be the current one under the lock. Otherwise, of
		// changes racing from several sessions, each was stored in turn, and the last one ended the
		// sessions of the others: someone else who knew the old password could keep their session
		// and end the owner's, who was changing it because of them.
		const current = await findPasswordCredential(trx, actor.tenantId, actor.userId);
		if (current?.password_hash !== proven) throw new WrongPasswordError();
		await assertPasswordNotRecent(trx, policy, locked, input.newPassword);
		await storeNewPassword(deps, trx, policy, locked, input.newPassword, {
			...meta,
			keepSessionId: actor.sessionId,
			reason: "change",
		});
	});
}
