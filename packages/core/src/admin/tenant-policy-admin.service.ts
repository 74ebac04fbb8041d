import { assertRecentlyAuthenticated } from "../auth/reauth.service";
import { applySessionLimits } from "../auth/session.repository";
import type { TTenantPolicyInput } from "../policy/tenant-policy";
import { getTenantPolicy, updateTenantPolicy } from "../policy/tenant-policy.service";
import { authorizeInTenant } from "../roles/authorization.service";
import type { SessionActor } from "../shared/actor";
import { HOUR } from "../shared/clock";
import type { CoreDeps } from "../shared/deps";
import type { RequestMeta } from "../shared/request";

/** The tenant's security policy, for those who may read the security posture or change it. */
export async function readTenantPolicy({ db }: Pick<CoreDeps, "db">, actor: SessionActor) {
	await authorizeInTenant(db, actor, "policy.manage");
	return getTenantPolicy(db, actor.tenantId);
}

/**
 * Changes the tenant's security policy. Tenant-wide: only a tenant-level grant of policy.manage
 * counts (an account administrator cannot weaken the whole tenant). A change to every user's
 * protection is as sensitive as a change to one's own: the administrator must have proved who
 * they are within the re-authentication window (S09), so a left-open session cannot weaken the
 * tenant; an API key never has (its actor authenticated at the epoch). Validated, audited. New
 * session limits apply to live sessions in the same transaction; the concurrent-session cap
 * applies at each user's next sign-in.
 */
export async function changeTenantPolicy(
	{ db, clock }: Pick<CoreDeps, "db" | "clock">,
	actor: SessionActor,
	patch: TTenantPolicyInput,
	meta: RequestMeta,
) {
	await authorizeInTenant(db, actor, "policy.manage");
	await assertRecentlyAuthenticated({ db, clock }, actor);
	return updateTenantPolicy(db, clock, actor.tenantId, patch, actor.userId, meta, async (trx, before, after) => {
		// Shorter limits protect at once, not only from the next sign-in on.
		if (
			before.session.idleMinutes === after.session.idleMinutes &&
			before.session.absoluteHours === after.session.absoluteHours
		)
			return;
		await applySessionLimits(
			trx,
			actor.tenantId,
			{ idleMinutes: after.session.idleMinutes, absoluteMs: after.session.absoluteHours * HOUR },
			clock.now(),
		);
	});
}
