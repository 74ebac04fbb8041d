/**
 * Every check of a secret goes through `attemptCredential`: the password at sign-in, at
 * re-authentication and at a password change; TOTP, SMS, email and recovery codes as a second
 * factor and at re-authentication; passkey assertions as a second factor and at
 * re-authentication. One failure budget per user is shared by all of them (SECURITY A12–A14),
 * and an account locks the same way whichever of them spent the last attempt (S07).
 *
 * How attempts are counted:
 *
 * 1. Reservation before the check. One conditional UPDATE takes an attempt from the budget
 *    (`users.failed_attempts`) before the secret is looked at, so at most `threshold` attempts
 *    are ever in flight or failed together, however many arrive at once (A13). An expired lock
 *    is cleared by that same statement and the budget starts again.
 * 2. No reservation, no check. When none is left the secret is not verified and the caller
 *    answers with its usual error (sign-in still burns the dummy hash, so the timing is the
 *    same). The refusal is audited with reason "locked" only when the lock already existed as
 *    the reservation was refused (`locked_until` in the future, read by the same statement);
 *    otherwise with reason "attempts_in_flight": the budget is held by attempts still being
 *    checked, and if they fail, the lock follows them.
 * 3. Success gives the reservation back: one decrement, never below zero, so the failures of
 *    other factors stay counted (A14; only a completed sign-in clears the budget). Password
 *    sign-in may keep its reservation and hand it to the next step instead (`keepOnSuccess`).
 * 4. Failure keeps the attempt spent and writes the kind's failure audit. If the budget is now
 *    spent, one transaction sets the lock, ends every session of the user, writes `auth.locked`
 *    and queues the "account_locked" notice. The lock is set by a conditional update that only
 *    one call can win, so these consequences run exactly once per lock, on every path.
 * 5. An error during the check (no verdict) also keeps the attempt spent, since the guess may
 *    have been evaluated, and still runs the lock step, so the budget can never end up spent
 *    with no lock to expire; the error then reaches the caller unchanged, without an audit row.
 * 6. A second factor also answers one login flow, which takes `MAX_FLOW_FAILURES` wrong answers
 *    (M08). The flow's slot is reserved the same way, before the user's budget and before the
 *    secret is looked at (`login_flows.code_failures` counts answers in flight or wrong), so a
 *    batch of parallel guesses evaluates at most that many in one flow. No slot, no check: the
 *    refusal is audited with reason "flow_spent". A right answer, or a refusal by the user's
 *    budget, gives the slot back; a wrong answer or an error keeps it.
 *
 * Not counted: passwordless sign-in (the passkey names the user only once it verified, so
 * there is no budget to draw from before the check) and the codes that confirm a new email
 * address or phone number (they prove the destination, not the user; each code has its own
 * five attempts).
 */
import { insertAuditEvent } from "../audit/audit.repository";
import type { AuditAction } from "../audit/audit-actions";
import type { MfaMethod } from "../mfa/mfa-status.service";
import type { TenantPolicy } from "../policy/tenant-policy";
import { MINUTE } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";
import { inTransaction } from "../shared/tx";
import { notifyUser } from "../users/notify-user";
import { lockIfExhausted, releaseAttempt, reserveAttempt } from "./lockout.repository";
import { releaseFlowAttempt, reserveFlowAttempt } from "./login-flow.repository";
import { revokeSessionsOfUser } from "./session.repository";

/** Wrong second-factor answers one login flow accepts before it dies (SECURITY M08). */
export const MAX_FLOW_FAILURES = 5;

/**
 * Which secret is checked, and where. It decides the audit rows (success / failure / refused):
 *
 * - `password_sign_in`: none, the session's `auth.sign_in` row follows / `auth.sign_in`
 *   {method: "password", reason: "bad_password"} / `auth.sign_in` {method: "password", reason}.
 * - `second_factor`: `auth.second_factor` {method} / {method, flowFailures} / {method, reason}.
 * - `reauthentication`: `auth.reauthenticate` {method} / {method} / {method, reason}.
 * - `password_change`: none, `auth.password_changed` follows / `auth.password_change`
 *   {reason: "wrong_current_password"} / `auth.password_change` {reason}.
 *
 * A refusal's reason is "locked" or "attempts_in_flight" (rule 2 above), or "flow_spent" (rule 6).
 * Failures before a session exists have no actor; re-authentication and password changes are
 * made by the signed-in user.
 */
export type CredentialKind =
	| { type: "password_sign_in" }
	/** A second factor answers one login flow; its wrong answers also count against the flow (M08). */
	| { type: "second_factor"; method: MfaMethod | "recovery_code"; loginFlowId: string }
	| { type: "reauthentication"; method: "password" | "totp" | "passkey" }
	| { type: "password_change" };

export interface CredentialAttempt {
	/** Whose budget pays for the attempt. */
	user: { tenantId: string; userId: string };
	/** The tenant's policy: `lockout.threshold` attempts, then a lock of `lockout.durationMinutes`. */
	policy: TenantPolicy;
	meta: RequestMeta;
	kind: CredentialKind;
	/**
	 * On success, keep the reservation instead of giving it back: the caller then owns it and
	 * must give it back (`releaseAttempt`) or clear the budget. Sign-in with a password uses this,
	 * so a sign-in that ends in a session clears the budget in the session's own write.
	 */
	keepOnSuccess?: boolean;
}

export type RefusalReason = "locked" | "attempts_in_flight" | "flow_spent";

export type AttemptOutcome =
	| { status: "verified" }
	/** Wrong secret. `locked`: this failure spent the budget and set the lock. */
	| {
			status: "failed";
			locked: boolean;
			/** For a second factor: the flow's slot this answer spent (1 to MAX_FLOW_FAILURES). */
			flowFailures: number | null;
	  }
	/** No attempt was left to reserve: the secret was not checked. */
	| { status: "refused"; reason: RefusalReason | "unknown_user" };

/**
 * Checks a secret against the user's failure budget: reserve, verify, then give the attempt
 * back or keep it spent and lock when the budget is gone (the rules at the top of this file).
 * `verify` answers true or false for the secret; anything it throws is passed on after the
 * attempt was counted. The caller turns the outcome into its own error.
 */
export async function attemptCredential(
	deps: CoreDeps,
	attempt: CredentialAttempt,
	verify: () => Promise<boolean>,
): Promise<AttemptOutcome> {
	const { user, policy } = attempt;
	const now = deps.clock.now();
	const flowId = attempt.kind.type === "second_factor" ? attempt.kind.loginFlowId : null;
	// Rule 6: the flow's slot first, so parallel answers to one flow cannot all be evaluated.
	const flowSlot = flowId === null ? null : await reserveFlowAttempt(deps.db, flowId, MAX_FLOW_FAILURES);
	if (flowId !== null && flowSlot === null) {
		await auditAttempt(deps, attempt, "failure", refusalDetails(attempt.kind, "flow_spent"));
		return { status: "refused", reason: "flow_spent" };
	}
	const giveBackFlowSlot = async () => {
		if (flowId !== null) await releaseFlowAttempt(deps.db, flowId);
	};

	const reservation = await reserveAttempt(deps.db, user.tenantId, user.userId, now, policy.lockout.threshold);
	// The user row vanished (purged) since the caller read it: nothing to check, nobody to audit.
	if (!reservation) {
		await giveBackFlowSlot();
		return { status: "refused", reason: "unknown_user" };
	}
	if (reservation.attempt === null) {
		await giveBackFlowSlot();
		const locked = reservation.lockedUntil !== null && reservation.lockedUntil.getTime() > now.getTime();
		const reason: RefusalReason = locked ? "locked" : "attempts_in_flight";
		await auditAttempt(deps, attempt, "failure", refusalDetails(attempt.kind, reason));
		return { status: "refused", reason };
	}

	let verified: boolean;
	try {
		verified = await verify();
	} catch (error) {
		// The lock step's own error must not hide the one that explains what went wrong.
		await lockIfSpent(deps, attempt).catch(() => undefined);
		throw error;
	}

	if (verified) {
		if (!attempt.keepOnSuccess) await releaseAttempt(deps.db, user.tenantId, user.userId);
		await giveBackFlowSlot();
		const details = successDetails(attempt.kind);
		if (details) await auditAttempt(deps, attempt, "success", details);
		return { status: "verified" };
	}

	await auditAttempt(deps, attempt, "failure", failureDetails(attempt.kind, flowSlot));
	const locked = await lockIfSpent(deps, attempt);
	return { status: "failed", locked, flowFailures: flowSlot };
}

/**
 * Sets the lock when the budget is spent and, only for the call that set it, ends all the
 * user's sessions, audits `auth.locked` and queues the notice, all in one transaction: a lock
 * never exists without its consequences. True when this call set the lock.
 */
async function lockIfSpent(deps: CoreDeps, attempt: CredentialAttempt): Promise<boolean> {
	const { user, policy, meta } = attempt;
	return inTransaction(deps.db, async (trx) => {
		const now = deps.clock.now();
		const lockedUntil = new Date(now.getTime() + policy.lockout.durationMinutes * MINUTE);
		const locked = await lockIfExhausted(trx, user.tenantId, user.userId, policy.lockout.threshold, lockedUntil);
		if (!locked) return false;
		await revokeSessionsOfUser(trx, user.tenantId, user.userId, now);
		await insertAuditEvent(trx, {
			tenantId: user.tenantId,
			occurredAt: now,
			actorUserId: null,
			targetUserId: user.userId,
			action: "auth.locked",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			details: { threshold: policy.lockout.threshold, minutes: policy.lockout.durationMinutes },
		});
		await notifyUser(trx, deps.clock, locked, "account_locked", { minutes: policy.lockout.durationMinutes });
		return true;
	});
}

const AUDIT_ACTION: Record<CredentialKind["type"], AuditAction> = {
	password_sign_in: "auth.sign_in",
	second_factor: "auth.second_factor",
	reauthentication: "auth.reauthenticate",
	password_change: "auth.password_change",
};

function successDetails(kind: CredentialKind): Record<string, unknown> | null {
	switch (kind.type) {
		case "second_factor":
		case "reauthentication":
			return { method: kind.method };
		// Their success is audited by what follows: the session, or the stored new password.
		case "password_sign_in":
		case "password_change":
			return null;
	}
}

function failureDetails(kind: CredentialKind, flowFailures: number | null): Record<string, unknown> {
	switch (kind.type) {
		case "password_sign_in":
			return { method: "password", reason: "bad_password" };
		case "second_factor":
			return { method: kind.method, flowFailures };
		case "reauthentication":
			return { method: kind.method };
		case "password_change":
			return { reason: "wrong_current_password" };
	}
}

function refusalDetails(kind: CredentialKind, reason: RefusalReason): Record<string, unknown> {
	switch (kind.type) {
		case "password_sign_in":
			return { method: "password", reason };
		case "second_factor":
		case "reauthentication":
			return { method: kind.method, reason };
		case "password_change":
			return { reason };
	}
}

async function auditAttempt(
	deps: CoreDeps,
	attempt: CredentialAttempt,
	outcome: "success" | "failure",
	details: Record<string, unknown>,
): Promise<void> {
	const { user, kind, meta } = attempt;
	// Before a session exists nobody is acting yet; afterwards the signed-in user is.
	const signedIn = kind.type === "reauthentication" || kind.type === "password_change";
	await insertAuditEvent(deps.db, {
		tenantId: user.tenantId,
		occurredAt: deps.clock.now(),
		actorUserId: signedIn || outcome === "success" ? user.userId : null,
		targetUserId: user.userId,
		action: AUDIT_ACTION[kind.type],
		outcome,
		ip: meta.ip,
		userAgent: meta.userAgent,
		details,
	});
}
