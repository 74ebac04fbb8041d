import type { TwoFactorType } from "@tessera/db/schema";
import { sql } from "kysely";
import type { TenantPolicy } from "../policy/tenant-policy";
import { allowedMfaMethodsFor, getTenantPolicy, isMfaRequiredFor } from "../policy/tenant-policy.service";
import type { Db, Tx } from "../shared/tx";

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
	const row = await db
		.selectFrom("users as u")
		.select([
			"u.two_factor_type",
			"u.mfa_sms_enabled",
			"u.mfa_email_enabled",
			"u.phone",
			"u.phone_verified",
			"u.email",
			"u.email_verified",
			sql<boolean>`exists (select 1 from totp_credentials t where t.user_id = u.id and t.confirmed_at is not null)`.as(
				"has_totp",
			),
			sql<number>`(select count(*)::int from passkeys p where p.user_id = u.id and p.flagged_at is null)`.as(
				"passkeys",
			),
			sql<number>`(select count(*)::int from recovery_codes r where r.user_id = u.id and r.used_at is null)`.as(
				"recovery",
			),
			sql<
				string[]
			>`coalesce((select array_agg(distinct r.key) from role_assignments ra join roles r on r.id = ra.role_id where ra.user_id = u.id), '{}')`.as(
				"role_keys",
			),
		])
		.where("u.tenant_id", "=", tenantId)
		.where("u.id", "=", userId)
		.executeTakeFirstOrThrow();
	const enrolled: MfaMethod[] = [];
	if (row.passkeys > 0) enrolled.push("passkey");
	if (row.has_totp) enrolled.push("totp");
	// SMS counts only for a verified number (SECURITY M12), email only for a verified address.
	if (row.mfa_sms_enabled && row.phone && row.phone_verified) enrolled.push("sms");
	if (row.mfa_email_enabled && row.email && row.email_verified) enrolled.push("email");
	return { enrolled, recoveryCodesRemaining: row.recovery, preferred: row.two_factor_type, roleKeys: row.role_keys };
}

/** The methods this user may use as a second factor under the tenant's policy. */
export function usableMethods(policy: TenantPolicy, state: MfaState): MfaMethod[] {
	const allowed = allowedMfaMethodsFor(policy, state.roleKeys);
	return state.enrolled.filter((method) => allowed.includes(method));
}

export function mfaRequired(policy: TenantPolicy, state: MfaState): boolean {
	return isMfaRequiredFor(policy, state.roleKeys);
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
		await trx
			.updateTable("users")
			.set({ required_actions: sql`array_remove(required_actions, 'enroll_mfa')` })
			.where("tenant_id", "=", tenantId)
			.where("id", "=", userId)
			.execute();
	}
	await trx
		.updateTable("users")
		.set({
			two_factor_enabled: preferred !== null,
			two_factor_type: preferred,
			version: sql`version + 1`,
			updated_at: now,
		})
		.where("tenant_id", "=", tenantId)
		.where("id", "=", userId)
		.where((eb) =>
			eb.or([
				eb("two_factor_type", "is distinct from", preferred),
				eb("two_factor_enabled", "is distinct from", preferred !== null),
			]),
		)
		.execute();
	return { ...state, preferred };
}
