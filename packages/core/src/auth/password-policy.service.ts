import { DEFAULT_TENANT_POLICY, type PasswordPolicy, ZPasswordPolicy } from "../policy/tenant-policy";
import { getTenantPolicy } from "../policy/tenant-policy.service";
import type { CoreDeps } from "../shared/deps";
import { findTenantBySlug } from "../tenants/tenant.repository";

/**
 * The password rules of an organisation as typed on a sign-in, invitation or reset page, so the
 * page states them before anyone types. Nothing in them is secret; an unknown organisation gets
 * the defaults, so the answer never says whether it exists.
 */
export async function passwordPolicyOfTenant(
	{ db }: Pick<CoreDeps, "db">,
	tenantSlug: string,
): Promise<PasswordPolicy> {
	const tenant = await findTenantBySlug(db, tenantSlug);
	if (!tenant) return ZPasswordPolicy.parse(DEFAULT_TENANT_POLICY.password);
	return (await getTenantPolicy(db, tenant.id)).password;
}
