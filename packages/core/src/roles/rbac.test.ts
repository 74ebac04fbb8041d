import { describe, expect, it } from "vitest";
import type { Grant } from "../shared/actor";
import { BUILTIN_ROLES } from "./builtin-roles";
import { PERMISSION_KEYS } from "./permissions";
import { hasPermission } from "./rbac";

const TENANT = "t-1";
const OTHER_TENANT = "t-2";
const PARENT = "acc-parent";
const CHILD = "acc-child";
const SIBLING = "acc-sibling";
const SPACE = "space-1";

const grant = (over: Partial<Grant>): Grant => ({
	permission: "users.write",
	contextType: "tenant",
	contextId: TENANT,
	appliesToSubAccounts: false,
	...over,
});

// target: a user whose primary account is CHILD (child of PARENT)
const childUser = { tenantId: TENANT, accountChain: [CHILD, PARENT] };
const parentUser = { tenantId: TENANT, accountChain: [PARENT] };
const tenantWide = { tenantId: TENANT, accountChain: [] };

describe("hasPermission", () => {
	it.each([
		["tenant grant covers any user in the tenant", [grant({})], childUser, true],
		["tenant grant covers tenant-wide targets", [grant({})], tenantWide, true],
		["tenant grant of another tenant covers nothing", [grant({ contextId: OTHER_TENANT })], childUser, false],
		["other permission does not count", [grant({ permission: "users.read" })], childUser, false],
		["account grant covers its own users", [grant({ contextType: "account", contextId: PARENT })], parentUser, true],
		[
			"account grant does not reach sub-accounts by default",
			[grant({ contextType: "account", contextId: PARENT })],
			childUser,
			false,
		],
		[
			"account grant reaches sub-accounts when assigned so",
			[grant({ contextType: "account", contextId: PARENT, appliesToSubAccounts: true })],
			childUser,
			true,
		],
		[
			"a sub-account grant never reaches the parent",
			[grant({ contextType: "account", contextId: CHILD, appliesToSubAccounts: true })],
			parentUser,
			false,
		],
		[
			"a sibling account grant reaches nothing here",
			[grant({ contextType: "account", contextId: SIBLING, appliesToSubAccounts: true })],
			childUser,
			false,
		],
		[
			"account grant is not tenant-wide",
			[grant({ contextType: "account", contextId: PARENT, appliesToSubAccounts: true })],
			tenantWide,
			false,
		],
		[
			"space grant does not cover users of the account",
			[grant({ contextType: "space", contextId: SPACE })],
			parentUser,
			false,
		],
		[
			"space grant covers its space",
			[grant({ contextType: "space", contextId: SPACE })],
			{ ...parentUser, spaceId: SPACE },
			true,
		],
		["no grants, no access", [], childUser, false],
	] as const)("%s", (_name, grants, target, expected) => {
		expect(hasPermission(grants, "users.write", target)).toBe(expected);
	});
});

describe("built-in roles", () => {
	it("use only catalogue permissions, without duplicates", () => {
		for (const role of BUILTIN_ROLES) {
			for (const permission of role.permissions) expect(PERMISSION_KEYS).toContain(permission);
			expect(new Set(role.permissions).size).toBe(role.permissions.length);
		}
	});

	it("give the tenant admin everything and the auditor nothing that writes", () => {
		const byKey = Object.fromEntries(BUILTIN_ROLES.map((role) => [role.key, role]));
		expect([...(byKey.tenant_admin?.permissions ?? [])].sort()).toEqual([...PERMISSION_KEYS].sort());
		expect(byKey.security_auditor?.permissions.every((p) => p.endsWith(".read"))).toBe(true);
	});
});
