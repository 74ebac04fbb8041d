import { BUILTIN_ROLES } from "../roles/builtin-roles";
import { type Db, inTransaction } from "../shared/tx";

/** Creates a tenant with the built-in roles, in one transaction. */
export async function createTenant(db: Db, input: { slug: string; name: string }): Promise<{ id: string }> {
	return inTransaction(db, async (trx) => {
		const tenant = await trx
			.insertInto("tenants")
			.values({ slug: input.slug, name: input.name })
			.returning("id")
			.executeTakeFirstOrThrow();
		for (const role of BUILTIN_ROLES) {
			const row = await trx
				.insertInto("roles")
				.values({
					tenant_id: tenant.id,
					key: role.key,
					name: role.name,
					description: role.description,
					context_type: role.contextType,
					is_builtin: true,
				})
				.returning("id")
				.executeTakeFirstOrThrow();
			if (role.permissions.length > 0) {
				await trx
					.insertInto("role_permissions")
					.values(role.permissions.map((permission) => ({ role_id: row.id, permission })))
					.execute();
			}
		}
		return tenant;
	});
}
