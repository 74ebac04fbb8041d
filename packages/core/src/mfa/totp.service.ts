import QRCode from "qrcode";
import { insertAuditEvent } from "../audit/audit.repository";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import type { SessionActor } from "../shared/actor";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { inTransaction } from "../shared/tx";
import { findTenantById } from "../tenants/tenant.repository";
import { notifyUser } from "../users/notify-user";
import { UserNotFoundError } from "../users/user.errors";
import { findUserLabel, lockUserById } from "../users/user.repository";
import { InvalidCodeError, MfaRequiredByPolicyError, TotpAlreadyEnrolledError } from "./mfa.errors";
import { claimTotpStep, deleteTotpCredential, findTotpCredential, upsertPendingTotp } from "./mfa.repository";
import { loadMfaState, mfaRequired, syncTwoFactorFlags, usableMethods } from "./mfa-status.service";
import { issueRecoveryCodesIfNone } from "./recovery-codes.service";
import { generateTotpSecret, matchTotp, totpUri } from "./totp";

export interface TotpEnrollment {
	/** Base32 secret for manual entry. Shown once, here; never returned again (SECURITY M07). */
	secret: string;
	otpauthUri: string;
	/** The otpauth URI as an SVG QR code. */
	qrSvg: string;
}

/**
 * Starts enrolment: a fresh 160-bit secret, stored encrypted and inactive until the user
 * proves a code from it. Until then sign-in does not ask for TOTP.
 */
export async function beginTotpEnrollment(
	deps: CoreDeps,
	actor: SessionActor,
	issuer: string,
): Promise<TotpEnrollment> {
	const existing = await findTotpCredential(deps.db, actor.tenantId, actor.userId);
	if (existing?.confirmed_at) throw new TotpAlreadyEnrolledError();
	const [user, tenant] = await Promise.all([
		findUserLabel(deps.db, actor.userId),
		findTenantById(deps.db, actor.tenantId),
	]);
	if (!user || !tenant) throw new UserNotFoundError();
	const secret = generateTotpSecret();
	await upsertPendingTotp(
		deps.db,
		actor.tenantId,
		actor.userId,
		deps.secrets.seal(secret, `totp:${actor.userId}`),
		deps.clock.now(),
	);
	const otpauthUri = totpUri(secret, issuer, `${tenant.slug}:${user.email ?? user.username ?? actor.userId}`);
	const qrSvg = await QRCode.toString(otpauthUri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
	return { secret, otpauthUri, qrSvg };
}

/**
 * Activates the pending secret once the user proves a current code from it. Answers with the
 * recovery codes issued with it when the user had none (see `issueRecoveryCodesIfNone`).
 */
export async function confirmTotpEnrollment(
	deps: CoreDeps,
	actor: SessionActor,
	code: string,
	meta: RequestMeta,
): Promise<{ recoveryCodes: string[] | null }> {
	return inTransaction(deps.db, async (trx) => {
		const user = await lockUserById(trx, actor.tenantId, actor.userId);
		const credential = await findTotpCredential(trx, actor.tenantId, actor.userId);
		if (!user || !credential) throw new InvalidCodeError();
		if (credential.confirmed_at) throw new TotpAlreadyEnrolledError();
		const now = deps.clock.now();
		const secret = deps.secrets.open(credential.secret_ciphertext, `totp:${actor.userId}`);
		const step = await matchTotp(secret, code, now, null);
		if (step === null || !(await claimTotpStep(trx, actor.tenantId, actor.userId, step, now)))
			throw new InvalidCodeError();
		await syncTwoFactorFlags(trx, actor.tenantId, actor.userId, now);
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: actor.userId,
			action: "mfa.totp_enabled",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
		});
		await notifyUser(trx, deps.clock, user, "mfa_enabled", { method: "totp" });
		return { recoveryCodes: await issueRecoveryCodesIfNone(trx, actor, now, meta) };
	});
}

/**
 * Verifies a TOTP code for sign-in or re-authentication. A code is accepted at most once per
 * time step, also under concurrency (the step is claimed with one conditional update).
 */
export async function verifyTotpCode(deps: CoreDeps, tenantId: string, userId: string, code: string): Promise<boolean> {
	const credential = await findTotpCredential(deps.db, tenantId, userId);
	if (!credential?.confirmed_at) return false;
	const secret = deps.secrets.open(credential.secret_ciphertext, `totp:${userId}`);
	const step = await matchTotp(secret, code, deps.clock.now(), credential.last_used_step);
	if (step === null) return false;
	return claimTotpStep(deps.db, tenantId, userId, step, null);
}

/** Removes the authenticator app. Refused when policy needs MFA and nothing else would remain. */
export async function removeTotp(deps: CoreDeps, actor: SessionActor, meta: RequestMeta): Promise<void> {
	const policy = await getTenantPolicy(deps.db, actor.tenantId);
	await inTransaction(deps.db, async (trx) => {
		const user = await lockUserById(trx, actor.tenantId, actor.userId);
		if (!user) throw new UserNotFoundError();
		const state = await loadMfaState(trx, actor.tenantId, actor.userId);
		const remaining = usableMethods(policy, { ...state, enrolled: state.enrolled.filter((m) => m !== "totp") });
		if (state.enrolled.includes("totp") && mfaRequired(policy, state) && remaining.length === 0) {
			throw new MfaRequiredByPolicyError();
		}
		if (!(await deleteTotpCredential(trx, actor.tenantId, actor.userId))) return;
		const now = deps.clock.now();
		await syncTwoFactorFlags(trx, actor.tenantId, actor.userId, now);
		await insertAuditEvent(trx, {
			tenantId: actor.tenantId,
			occurredAt: now,
			actorUserId: actor.userId,
			targetUserId: actor.userId,
			action: "mfa.totp_removed",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
		});
		await notifyUser(trx, deps.clock, user, "mfa_disabled", { method: "totp" });
	});
}
