import { createTestDatabase, type TestDatabase } from "@tessera/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTenant } from "../tenants/tenant.service";
import { BUILTIN_ROLES } from "./builtin-roles";
import { PERMISSIONS } from "./permissions";

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.destroy();
});

it("the catalogue in code equals the permissions table the migrations create", async () => {
	const rows = await database.db.selectFrom("permissions").select(["key", "description"]).orderBy("key").execute();
	expect(Object.fromEntries(rows.map((row) => [row.key, row.description]))).toEqual(PERMISSIONS);
});

it("a new tenant gets every built-in role with exactly its permissions", async () => {
	const tenant = await createTenant({ db: database.db }, { slug: "roles-test", name: "Roles" });
	const rows = await database.db
		.selectFrom("roles")
		.leftJoin("role_permissions", "role_permissions.role_id", "roles.id")
		.select(["roles.key", "roles.context_type", "roles.is_builtin", "role_permissions.permission"])
		.where("roles.tenant_id", "=", tenant.id)
		.execute();
	for (const role of BUILTIN_ROLES) {
		const mine = rows.filter((row) => row.key === role.key);
		expect(mine[0]?.context_type).toBe(role.contextType);
		expect(mine[0]?.is_builtin).toBe(true);
		expect(
			mine
				.map((row) => row.permission)
				.filter(Boolean)
				.sort(),
		).toEqual([...role.permissions].sort());
	}
});
