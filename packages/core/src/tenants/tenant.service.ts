import { BUILTIN_ROLES } from "../roles/builtin-roles";
import { insertBuiltinRole } from "../roles/role.repository";
import type { CoreDeps } from "../shared/deps";
import { inTransaction } from "../shared/tx";
import { insertTenant } from "./tenant.repository";

/** Creates a tenant with the built-in roles, in one transaction. */
export async function createTenant(
	{ db }: Pick<CoreDeps, "db">,
	input: { slug: string; name: string },
): Promise<{ id: string }> {
	return inTransaction(db, async (trx) => {
		const tenant = await insertTenant(trx, input);
		for (const role of BUILTIN_ROLES) await insertBuiltinRole(trx, tenant.id, role);
		return tenant;
	});
}
