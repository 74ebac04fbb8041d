/**
 * Verifying and changing the email address and mobile number. A change is a new binding: it
 * needs a recent re-authentication (checked by the caller's procedure), a code sent to the NEW
 * address or number, and only the confirmed code switches it; the old one is told (SECURITY L10).
 */
import { insertAuditEvent } from "../audit/audit.repository";
import { voidPasswordResetTokens } from "../auth/password-reset.repository";
import { revokeOtherSessions } from "../auth/session.repository";
import { enqueueMessage } from "../messaging/outbox.service";
import { maskEmail } from "../messaging/templates";
import { syncTwoFactorFlags } from "../mfa/mfa-status.service";
import { sendOneTimeCode, verifyOneTimeCode } from "../mfa/one-time-code.service";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import type { SessionActor } from "../shared/actor";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { inTransaction, isUniqueViolation } from "../shared/tx";
import { notifyUser } from "./notify-user";
import { EmailTakenError, UserNotFoundError } from "./user.errors";
import {
	findUserByEmail,
	findUserById,
	lockUserById,
	setVerifiedEmail,
	setVerifiedPhone,
	voidOpenVerificationTokens,
} from "./user.repository";

async function requireUser(deps: CoreDeps, actor: SessionActor) {
	const user = await findUserById(deps.db, actor.tenantId, actor.userId);
	if (!user) throw new UserNotFoundError();
	return user;
}

/** Sends a code to the current, unverified email address. */
export async function sendEmailVerificationCode(deps: CoreDeps, actor: SessionActor) {
	const user = await requireUser(deps, actor);
	if (!user.email) throw new UserNotFoundError();
	const policy = await getTenantPolicy(deps.db, actor.tenantId);
	return sendOneTimeCode(deps, policy.codes, {
		tenantId: actor.tenantId,
		userId: actor.userId,
		purpose: "verify_email",
		// Bound to the session that asked: a code read elsewhere confirms nothing there (SECURITY L10).
		sessionId: actor.sessionId,
		channel: "email",
		destination: user.email,
		language: user.language,
	});
}

/** Starts an email change: a code goes to the new address; nothing changes until it is confirmed. */
export async function requestEmailChange(deps: CoreDeps, actor: SessionActor, newEmail: string) {
	const user = await requireUser(deps, actor);
	if (newEmail === user.email) return sendEmailVerificationCode(deps, actor);
	if (await findUserByEmail(deps.db, actor.tenantId, newEmail)) throw new EmailTakenError();
	const policy = await getTenantPolicy(deps.db, actor.tenantId);
	return sendOneTimeCode(deps, policy.codes, {
		tenantId: actor.tenantId,
		userId: actor.userId,
		purpose: "verify_email",
		// Bound to the session that asked: a code read elsewhere confirms nothing there (SECURITY L10).
		sessionId: actor.sessionId,
		channel: "email",
		destination: newEmail,
		language: user.language,
	});
}

/**
 * Confirms the code last sent for email verification, from the session that asked for it. The
 * address it was sent to becomes the (verified) email; when it differs from the old one, the old
 * address is told, pending single-use tokens tied to the old address die and every other
 * session of the user ends.
 */
export async function confirmEmail(deps: CoreDeps, actor: SessionActor, code: string, meta: RequestMeta) {
	const policy = await getTenantPolicy(deps.db, actor.tenantId);
	const { destination } = await verifyOneTimeCode(
		deps,
		policy.codes,
		{ tenantId: actor.tenantId, userId: actor.userId, purpose: "verify_email", sessionId: actor.sessionId },
		code,
	);
	try {
		await inTransaction(deps.db, async (trx) => {
			const before = await lockUserById(trx, actor.tenantId, actor.userId);
			if (!before) throw new UserNotFoundError();
			const now = deps.clock.now();
			await setVerifiedEmail(trx, actor.userId, destination, now);
			const changed = before.email !== destination;
			if (changed) {
				await voidOpenVerificationTokens(trx, actor.userId, now);
				// A reset link in the old mailbox must not outlive the address (SECURITY A18).
				await voidPasswordResetTokens(trx, actor.userId, now);
				// Whoever else is signed in learnt nothing of the new address; only this session stays.
				await revokeOtherSessions(trx, actor.tenantId, actor.userId, actor.sessionId, now);
				await notifyUser(trx, deps.clock, before, "email_changed", { newEmail: maskEmail(destination) }, before.email);
			}
			await insertAuditEvent(trx, {
				tenantId: actor.tenantId,
				occurredAt: now,
				actorUserId: actor.userId,
				targetUserId: actor.userId,
				action: changed ? "user.email_changed" : "user.email_verified",
				outcome: "success",
				ip: meta.ip,
				userAgent: meta.userAgent,
				details: changed ? { changes: { email: { from: before.email, to: destination } } } : {},
			});
			await syncTwoFactorFlags(trx, actor.tenantId, actor.userId, now);
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new EmailTakenError();
		throw error;
	}
}

/** Starts adding or changing the mobile number: an SMS code goes to the new number. */
export async function requestPhoneChange(deps: CoreDeps, actor: SessionActor, phone: string) {
	const user = await requireUser(deps, actor);
	const policy = await getTenantPolicy(deps.db, actor.tenantId);
	return sendOneTimeCode(deps, policy.codes, {
		tenantId: actor.tenantId,
		userId: actor.userId,
		purpose: "verify_phone",
		sessionId: actor.sessionId,
		channel: "sms",
		destination: phone,
		language: user.language,
	});
}

/** Confirms the SMS code: the number becomes the verified mobile number; the previous one is told. */
export async function confirmPhone(deps: CoreDeps, actor: SessionActor, code: string, meta: RequestMeta) {
	const policy = await getTenantPolicy(deps.db, actor.tenantId);
	const { destination } = await verifyOneTimeCode(
		deps,
		policy.codes,
		{ tenantId: actor.tenantId, userId: actor.userId, purpose: "verify_phone", sessionId: actor.sessionId },
		code,
	);
	await inTransaction(deps.db, async (trx) => {
		const before = await lockUserById(trx, actor.tenantId, actor.userId);
		if (!before) throw new UserNotFoundError();
		const now = deps.clock.now();
		await setVerifiedPhone(trx, actor.userId, destination, now);
		if (before.phone && before.phone !== destination && before.phone_verified) {
			await enqueueMessage(trx, deps.clock, {
				tenantId: actor.tenantId,
				userId: actor.userId,
				channel: "sms",
				recipient: before.phone,
				template: "phone_changed",
				params: {},
				language: before.language,
			});
		} else if (before.phone !== destination) {
			await notifyUser(trx, deps.clock, before, "phone_changed", {});
		}
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: actor.userId,
			action: before.phone === destination ? "user.phone_verified" : "user.phone_changed",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: { changes: { phone: { from: before.phone, to: destination } } },
		});
		await syncTwoFactorFlags(trx, actor.tenantId, actor.userId, now);
	});
}
