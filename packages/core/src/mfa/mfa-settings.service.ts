import { insertAuditEvent } from "../audit/audit.repository";
import type { AuditAction } from "../audit/audit-actions";
import { findPasswordCreatedAt } from "../auth/password-credential.repository";
import type { TRegistrationResponseJSON } from "../passkeys/passkey.schema";
import {
	countPasskeys,
	finishPasskeyRegistration,
	listPasskeys,
	removePasskey,
	startPasskeyRegistration,
	type WebAuthnConfig,
} from "../passkeys/passkey.service";
import { allowedMfaMethodsFor, getTenantPolicy } from "../policy/tenant-policy.service";
import type { SessionActor } from "../shared/actor";
import { DAY, MINUTE } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { inTransaction } from "../shared/tx";
import { notifyUser } from "../users/notify-user";
import { UserNotFoundError } from "../users/user.errors";
import { clearRequiredAction, findUserById, lockUserById, setMfaChannelEnabled } from "../users/user.repository";
import { MethodNotAvailableError, MfaRequiredByPolicyError } from "./mfa.errors";
import { findTotpConfirmedAt } from "./mfa.repository";
import {
	loadMfaState,
	type MfaMethod,
	mfaEnrolmentDeadline,
	mfaRequired,
	syncTwoFactorFlags,
	usableMethods,
} from "./mfa-status.service";
import { issueRecoveryCodesIfNone } from "./recovery-codes.service";

type PasskeyDeps = CoreDeps & { webauthn: WebAuthnConfig };

async function audited(
	deps: CoreDeps,
	actor: SessionActor,
	action: AuditAction,
	meta: RequestMeta,
	details: Record<string, unknown>,
) {
	await insertAuditEvent(deps.db, {
		tenantId: actor.tenantId,
		occurredAt: deps.clock.now(),
		actorUserId: actor.userId,
		targetUserId: actor.userId,
		action,
		outcome: "success",
		ip: meta.ip,
		userAgent: meta.userAgent,
		details,
	});
}

/** WebAuthn creation options for a new passkey of the signed-in user (excludes their existing ones). */
export async function beginPasskeyRegistration(deps: PasskeyDeps, actor: SessionActor) {
	const user = await findUserById(deps.db, actor.tenantId, actor.userId);
	if (!user) throw new UserNotFoundError();
	const displayName = [user.first_name, user.last_name].filter(Boolean).join(" ") || user.email || user.id;
	return startPasskeyRegistration(deps.db, deps.clock, deps.webauthn, {
		tenantId: actor.tenantId,
		userId: actor.userId,
		sessionId: actor.sessionId,
		userName: user.email ?? user.username ?? user.id,
		userDisplayName: displayName,
	});
}

/**
 * Registers the passkey, then brings the two-factor flags and required actions up to date and
 * tells the user (SECURITY W09, A22). Answers with the passkey and the recovery codes issued
 * with it when the user had none.
 */
export async function completePasskeyRegistration(
	deps: PasskeyDeps,
	actor: SessionActor,
	input: { name: string; response: TRegistrationResponseJSON },
	meta: RequestMeta,
) {
	const view = await finishPasskeyRegistration(
		deps.db,
		deps.clock,
		deps.webauthn,
		{
			tenantId: actor.tenantId,
			userId: actor.userId,
			sessionId: actor.sessionId,
			name: input.name,
			response: input.response,
		},
		meta,
	);
	const recoveryCodes = await inTransaction(deps.db, async (trx) => {
		const user = await lockUserById(trx, actor.tenantId, actor.userId);
		if (!user) throw new UserNotFoundError();
		const now = deps.clock.now();
		await clearRequiredAction(trx, actor.tenantId, actor.userId, "register_passkey");
		await syncTwoFactorFlags(trx, actor.tenantId, actor.userId, now);
		await notifyUser(trx, deps.clock, user, "passkey_added", { name: view.name });
		return issueRecoveryCodesIfNone(trx, actor, now, meta);
	});
	return { ...view, recoveryCodes };
}

export function listOwnPasskeys(deps: CoreDeps, actor: SessionActor) {
	return listPasskeys(deps.db, { tenantId: actor.tenantId, userId: actor.userId });
}

/**
 * Removes a passkey, unless policy requires MFA and no other allowed method would remain
 * (SECURITY M18). The change is effective at once (M20). Checked and removed under the user's
 * lock, as the other removals are: checked before it, two removals at once (two passkeys, or a
 * passkey and the authenticator app) each saw the other factor still there, and together left
 * a user whom policy requires MFA with none.
 */
export async function removeOwnPasskey(deps: CoreDeps, actor: SessionActor, passkeyId: string, meta: RequestMeta) {
	const policy = await getTenantPolicy(deps.db, actor.tenantId);
	return inTransaction(deps.db, async (trx) => {
		const user = await lockUserById(trx, actor.tenantId, actor.userId);
		if (!user) throw new UserNotFoundError();
		const state = await loadMfaState(trx, actor.tenantId, actor.userId);
		const lastPasskey = (await countPasskeys(trx, actor.tenantId, actor.userId)) <= 1;
		const remaining = lastPasskey ? state.enrolled.filter((m) => m !== "passkey") : state.enrolled;
		if (mfaRequired(policy, state) && usableMethods(policy, { ...state, enrolled: remaining }).length === 0) {
			throw new MfaRequiredByPolicyError();
		}
		const removed = await removePasskey(
			trx,
			deps.clock,
			{ tenantId: actor.tenantId, userId: actor.userId, passkeyId },
			meta,
		);
		await syncTwoFactorFlags(trx, actor.tenantId, actor.userId, deps.clock.now());
		await notifyUser(trx, deps.clock, user, "passkey_removed", { name: removed.name });
		return removed;
	});
}

/** Chooses the method sign-in offers first (the seed's "two-factor type"). */
export async function setPreferredMethod(deps: CoreDeps, actor: SessionActor, method: MfaMethod, meta: RequestMeta) {
	await inTransaction(deps.db, async (trx) => {
		const state = await loadMfaState(trx, actor.tenantId, actor.userId);
		if (!state.enrolled.includes(method)) throw new MethodNotAvailableError(method);
		await syncTwoFactorFlags(trx, actor.tenantId, actor.userId, deps.clock.now(), method);
	});
	await audited(deps, actor, "mfa.preferred_changed", meta, { method });
}

/**
 * Turns SMS or email codes on or off as a second factor. Turning on needs a verified number or
 * address and a method the policy allows, and issues recovery codes when the user had none;
 * turning off obeys the same policy floor as removal.
 */
export async function setCodeChannelEnabled(
	deps: CoreDeps,
	actor: SessionActor,
	channel: "sms" | "email",
	enabled: boolean,
	meta: RequestMeta,
): Promise<{ recoveryCodes: string[] | null }> {
	const policy = await getTenantPolicy(deps.db, actor.tenantId);
	const recoveryCodes = await inTransaction(deps.db, async (trx) => {
		const user = await lockUserById(trx, actor.tenantId, actor.userId);
		if (!user) throw new UserNotFoundError();
		const state = await loadMfaState(trx, actor.tenantId, actor.userId);
		if (enabled) {
			const verified =
				channel === "sms" ? Boolean(user.phone && user.phone_verified) : Boolean(user.email && user.email_verified);
			if (!verified || !policy.mfa.allowedMethods.includes(channel)) throw new MethodNotAvailableError(channel);
		} else {
			const remaining = state.enrolled.filter((m) => m !== channel);
			if (mfaRequired(policy, state) && usableMethods(policy, { ...state, enrolled: remaining }).length === 0) {
				throw new MfaRequiredByPolicyError();
			}
		}
		const now = deps.clock.now();
		await setMfaChannelEnabled(trx, actor.userId, channel, enabled);
		await syncTwoFactorFlags(trx, actor.tenantId, actor.userId, now);
		await notifyUser(trx, deps.clock, user, enabled ? "mfa_enabled" : "mfa_disabled", { method: channel });
		return enabled ? issueRecoveryCodesIfNone(trx, actor, now, meta) : null;
	});
	await audited(deps, actor, enabled ? "mfa.channel_enabled" : "mfa.channel_disabled", meta, { channel });
	return { recoveryCodes };
}

/** Everything the Security page shows about the signed-in user, with no secret in it. */
export async function getSecurityOverview(deps: CoreDeps, actor: SessionActor) {
	const [policy, state, user, credential] = await Promise.all([
		getTenantPolicy(deps.db, actor.tenantId),
		loadMfaState(deps.db, actor.tenantId, actor.userId),
		findUserById(deps.db, actor.tenantId, actor.userId),
		findPasswordCreatedAt(deps.db, actor.userId),
	]);
	if (!user) throw new UserNotFoundError();
	const changedAt = user.password_changed_at ?? credential?.created_at ?? null;
	const maxAge = policy.password.maxAgeDays;
	const pendingTotp = await findTotpConfirmedAt(deps.db, actor.userId);
	return {
		password: {
			set: credential !== undefined,
			changedAt,
			expiresAt: changedAt && maxAge !== null ? new Date(changedAt.getTime() + maxAge * DAY) : null,
			minLength: policy.password.minLength,
		},
		mfa: {
			enabled: state.enrolled.length > 0,
			required: mfaRequired(policy, state),
			preferred: state.preferred,
			enrolled: state.enrolled,
			usable: usableMethods(policy, state),
			// What counts for this user: administrators never get email codes (SECURITY M13).
			allowed: allowedMfaMethodsFor(policy, state.roleKeys),
			totpPending: pendingTotp !== undefined && pendingTotp.confirmed_at === null,
			sms: { enabled: user.mfa_sms_enabled, phone: user.phone, phoneVerified: user.phone_verified },
			email: { enabled: user.mfa_email_enabled, email: user.email, emailVerified: user.email_verified },
			recoveryCodesRemaining: state.recoveryCodesRemaining,
			enrolBy: mfaEnrolmentDeadline(policy, state, user.created_at),
		},
		requiredActions: user.required_actions,
		reauthenticatedUntil: new Date(actor.authenticatedAt.getTime() + policy.reauth.windowMinutes * MINUTE),
	};
}
