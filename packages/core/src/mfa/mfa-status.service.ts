import type { TwoFactorType } from "@tessera/db/schema";
import type { TenantPolicy } from "../policy/tenant-policy";
import {
	allowedMfaMethodsFor,
	getTenantPolicy,
	isMfaRequiredFor,
	type MfaMethodCircumstances,
} from "../policy/tenant-policy.service";
import { DAY } from "../shared/clock";
import type { Db, Tx } from "../shared/tx";
import { clearRequiredAction, setTwoFactorFlags } from "../users/user.repository";
import { findMfaStateRow } from "./mfa.repository";

export type MfaMethod = TwoFactorType;
/** Strongest first: the default preferred method when the user has not chosen one. */
const STRENGTH: readonly MfaMethod[] = ["passkey", "totp", "sms", "email"];

export interface MfaState {
	/** Methods the user has set up and could use now. */
	enrolled: MfaMethod[];
	recoveryCodesRemaining: number;
	preferred: MfaMethod | null;
	/** Role keys the user holds anywhere: decide whether policy requires MFA. */
	roleKeys: string[];
}

/** What the user has enrolled, read fresh (never cached in the session). */
export async function loadMfaState(db: Db | Tx, tenantId: string, userId: string): Promise<MfaState> {
	const row = await findMfaStateRow(db, tenantId, userId);
	return {
		enrolled: row.enrolled,
		recoveryCodesRemaining: row.recovery,
		preferred: row.two_factor_type,
		roleKeys: row.role_keys,
	};
}

/** The methods this user may use as a second factor under the tenant's policy. */
export function usableMethods(
	policy: TenantPolicy,
	state: MfaState,
	circumstances: MfaMethodCircumstances = {},
): MfaMethod[] {
	const allowed = allowedMfaMethodsFor(policy, state.roleKeys, circumstances);
	return state.enrolled.filter((method) => allowed.includes(method));
}

export function mfaRequired(policy: TenantPolicy, state: MfaState): boolean {
	return isMfaRequiredFor(policy, state.roleKeys);
}

/**
 * When a user who must use MFA but has no allowed method has to have enrolled by: the account's
 * creation plus the policy's grace period. Null when nothing is owed. Sign-in asks for
 * enrolment once this instant has passed (login-flow.service.ts); the portal shows it.
 */
export function mfaEnrolmentDeadline(policy: TenantPolicy, state: MfaState, userCreatedAt: Date): Date | null {
	if (!mfaRequired(policy, state) || usableMethods(policy, state).length > 0) return null;
	return new Date(userCreatedAt.getTime() + policy.mfa.gracePeriodDays * DAY);
}

/**
 * Makes the seed's "two-factor enabled" and "two-factor type" agree with what is enrolled:
 * enabled iff any method is, type = the requested or current preference if still enrolled,
 * else the strongest enrolled. Raises the user's version when either changes.
 */
export async function syncTwoFactorFlags(
	trx: Db | Tx,
	tenantId: string,
	userId: string,
	now: Date,
	requestedPreferred?: MfaMethod,
): Promise<MfaState> {
	const state = await loadMfaState(trx, tenantId, userId);
	const wanted = requestedPreferred ?? state.preferred;
	const preferred =
		wanted && state.enrolled.includes(wanted)
			? wanted
			: (STRENGTH.find((method) => state.enrolled.includes(method)) ?? null);
	// Enrolling an allowed method completes the "enrol MFA" obligation.
	const policy = await getTenantPolicy(trx, tenantId);
	if (usableMethods(policy, state).length > 0) {
		await clearRequiredAction(trx, tenantId, userId, "enroll_mfa");
	}
	await setTwoFactorFlags(trx, tenantId, userId, preferred, now);
	return { ...state, preferred };
}
