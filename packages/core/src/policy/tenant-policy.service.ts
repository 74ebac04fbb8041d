import type { z } from "zod";
import { insertAuditEvent } from "../audit/audit.repository";
import type { Clock } from "../shared/clock";
import { ValidationError } from "../shared/errors";
import type { RequestMeta } from "../shared/request";
import { type Db, inTransaction, type Tx } from "../shared/tx";
import {
	type AdminMfaMethod,
	MFA_MANDATORY_ROLE_KEYS,
	type MfaMethod,
	mergeTenantPolicy,
	parseStoredPolicy,
	type TenantPolicy,
	type TTenantPolicyInput,
	ZTenantPolicy,
	ZTenantPolicyInput,
} from "./tenant-policy";
import { TenantNotFoundError } from "./tenant-policy.errors";
import {
	findTenantPolicyJson,
	findTenantWithPolicyJsonBySlug,
	lockTenantPolicyJson,
	updateTenantPolicyJson,
} from "./tenant-policy.repository";

/**
 * The policy core enforces for a tenant: the stored policy over the defaults. Never fails on an
 * old or damaged row (see `parseStoredPolicy`); throws `TenantNotFoundError` for an unknown id.
 */
export async function getTenantPolicy(db: Db | Tx, tenantId: string): Promise<TenantPolicy> {
	const row = await findTenantPolicyJson(db, tenantId);
	if (!row) throw new TenantNotFoundError();
	return parseStoredPolicy(row.policy);
}

/** A tenant by slug and the policy core enforces for it (as `getTenantPolicy`), or undefined. */
export async function getTenantWithPolicyBySlug(
	db: Db | Tx,
	slug: string,
): Promise<{ tenant: { id: string; slug: string; name: string }; policy: TenantPolicy } | undefined> {
	const row = await findTenantWithPolicyJsonBySlug(db, slug);
	if (!row) return undefined;
	const { policy, ...tenant } = row;
	return { tenant, policy: parseStoredPolicy(policy) };
}

/**
 * Applies an administrator's patch to the tenant's policy. The patch is checked (strict: unknown
 * keys refused), merged into the current policy, and the result checked against every rule
 * (A03 minimum length, A09 expiry, M01/M13 MFA). Only then is it stored, with an audit row listing
 * each changed field, in the same transaction (PCI 10.2.1.5: changes to authentication settings
 * are logged). A refused patch throws `ValidationError` (fields as dotted paths) and writes
 * nothing; a patch that changes nothing writes nothing. The caller checks `policy.manage` first.
 */
export async function updateTenantPolicy(
	db: Db,
	clock: Clock,
	tenantId: string,
	patch: TTenantPolicyInput,
	actorUserId: string,
	meta: RequestMeta,
	/** What else must change with the policy, in its transaction (live sessions take new limits). */
	applyChange?: (trx: Tx, before: TenantPolicy, after: TenantPolicy) => Promise<void>,
): Promise<TenantPolicy> {
	// Re-parsed even when the API already did: core must not trust that every caller used the schema.
	const parsedPatch = ZTenantPolicyInput.safeParse(patch);
	if (!parsedPatch.success) throw toValidationError(parsedPatch.error);

	return inTransaction(db, async (trx) => {
		const row = await lockTenantPolicyJson(trx, tenantId);
		if (!row) throw new TenantNotFoundError();
		const before = parseStoredPolicy(row.policy);
		const checked = ZTenantPolicy.safeParse(mergeTenantPolicy(before, parsedPatch.data));
		if (!checked.success) throw toValidationError(checked.error);
		const after: TenantPolicy = checked.data;

		const changes = diffPolicies(before, after);
		if (Object.keys(changes).length === 0) return after;
		const now = clock.now();
		await updateTenantPolicyJson(trx, tenantId, after);
		await applyChange?.(trx, before, after);
		await insertAuditEvent(trx, {
			tenantId,
			occurredAt: now,
			actorUserId,
			targetUserId: null,
			action: "tenant.policy_updated",
			outcome: "success",
			ip: meta.ip,
			userAgent: meta.userAgent,
			// The policy holds no secrets, so before/after values are safe to log.
			details: { changes },
		});
		return after;
	});
}

function toValidationError(error: z.ZodError): ValidationError {
	return ValidationError.fromZod(error, (path) => path || "policy");
}

/** Changed fields as dotted paths with before/after values (arrays compared by content). */
function diffPolicies(before: TenantPolicy, after: TenantPolicy): Record<string, { from: unknown; to: unknown }> {
	const changes: Record<string, { from: unknown; to: unknown }> = {};
	for (const section of Object.keys(after) as (keyof TenantPolicy)[]) {
		const from = before[section] as Record<string, unknown>;
		const to = after[section] as Record<string, unknown>;
		for (const key of Object.keys(to)) {
			if (JSON.stringify(from[key]) !== JSON.stringify(to[key])) {
				changes[`${section}.${key}`] = { from: from[key], to: to[key] };
			}
		}
	}
	return changes;
}

function holdsMfaRole(policy: TenantPolicy, roleKeys: readonly string[]): boolean {
	return roleKeys.some(
		(key) => policy.mfa.requiredForRoles.includes(key) || (MFA_MANDATORY_ROLE_KEYS as readonly string[]).includes(key),
	);
}

/**
 * Whether a user holding `roleKeys` must pass a second factor: everyone when the tenant requires
 * MFA for all, otherwise holders of a role in `mfa.requiredForRoles`. The built-in admin roles
 * need MFA even in a hand-built policy that says "off" or leaves them out (M01, PCI 8.4.1).
 */
export function isMfaRequiredFor(policy: TenantPolicy, roleKeys: readonly string[]): boolean {
	return policy.mfa.required === "all" || holdsMfaRole(policy, roleKeys);
}

/** What the user's recent history adds to the method rule. */
export interface MfaMethodCircumstances {
	/**
	 * The password was last set through an emailed reset link, and no second factor other than
	 * email has vouched for the person since.
	 */
	passwordResetByEmailLink?: boolean;
}

/**
 * The second factors that count for a user holding `roleKeys`, in the policy's order. Holders of a
 * role that needs MFA get only the admin methods the tenant also allows, never email (M13,
 * conflict 3), whatever the policy object says; everyone else gets the tenant's allowed methods.
 * After a reset by email link, email never counts either: whoever reads the mailbox has just
 * chosen the password, so a code to that mailbox would let one inbox stand for both factors
 * (SECURITY A17, ASVS 6.4.3).
 */
export function allowedMfaMethodsFor(
	policy: TenantPolicy,
	roleKeys: readonly string[],
	circumstances: MfaMethodCircumstances = {},
): MfaMethod[] {
	const methods: MfaMethod[] = holdsMfaRole(policy, roleKeys)
		? policy.mfa.allowedMethods.filter(
				(method): method is AdminMfaMethod =>
					method !== "email" && (policy.mfa.adminAllowedMethods as readonly MfaMethod[]).includes(method),
			)
		: [...policy.mfa.allowedMethods];
	return circumstances.passwordResetByEmailLink ? methods.filter((method) => method !== "email") : methods;
}
