import type { TTenantPolicyInput } from "../policy/tenant-policy";
import { getTenantPolicy, updateTenantPolicy } from "../policy/tenant-policy.service";
import { authorizeInTenant } from "../roles/authorization.service";
import type { SessionActor } from "../shared/actor";
import type { Clock } from "../shared/clock";
import type { RequestMeta } from "../shared/request";
import type { Db } from "../shared/tx";

/** The tenant's security policy, for those who may read the security posture or change it. */
export async function readTenantPolicy(db: Db, actor: SessionActor) {
	await authorizeInTenant(db, actor, "policy.manage");
	return getTenantPolicy(db, actor.tenantId);
}

/**
 * Changes the tenant's security policy. Tenant-wide: only a tenant-level grant of policy.manage
 * counts (an account administrator cannot weaken the whole tenant). Validated, audited.
 */
export async function changeTenantPolicy(
	db: Db,
	clock: Clock,
	actor: SessionActor,
	patch: TTenantPolicyInput,
	meta: RequestMeta,
) {
	await authorizeInTenant(db, actor, "policy.manage");
	return updateTenantPolicy(db, clock, actor.tenantId, patch, actor.userId, meta);
}
