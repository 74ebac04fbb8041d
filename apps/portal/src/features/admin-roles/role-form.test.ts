import { PERMISSION_KEYS } from "@tessera/core/roles/permissions";
import { ZCreateRoleInput } from "@tessera/core/roles/role-admin.schema";
import { describe, expect, it } from "vitest";
import {
	groupPermissions,
	permissionsNotHeld,
	type Role,
	type RoleFormValues,
	roleInput,
	sortRoles,
	suggestRoleKey,
} from "./role-form";

describe("groupPermissions", () => {
	it("groups the catalogue by area in catalogue order", () => {
		const groups = groupPermissions(PERMISSION_KEYS.map((key) => ({ key })));
		expect(groups.map((group) => group.area)).toEqual([
			"users",
			"roles",
			"invitations",
			"audit",
			"dashboard",
			"apikeys",
			"policy",
			"accounts",
		]);
		expect(groups[0]?.permissions).toEqual(["users.read", "users.write", "users.delete", "users.security"]);
		expect(groups.flatMap((group) => group.permissions)).toEqual(PERMISSION_KEYS);
	});
});

describe("permissionsNotHeld", () => {
	it("lists what is wanted but not held", () => {
		expect(permissionsNotHeld(["users.read", "audit.read", "roles.manage"], ["users.read", "roles.manage"])).toEqual([
			"audit.read",
		]);
		expect(permissionsNotHeld([], [])).toEqual([]);
	});
});

describe("suggestRoleKey", () => {
	it.each([
		["Support agent", "support_agent"],
		["  Äußere Prüfer ", "au_ere_prufer"],
		["2nd-line support", "nd_line_support"],
		["Billing (EU) — read only", "billing_eu_read_only"],
		["A", ""],
		["???", ""],
	])("%s → %s", (name, key) => {
		expect(suggestRoleKey(name)).toBe(key);
	});

	it("keeps keys within 48 characters without a trailing separator", () => {
		const key = suggestRoleKey(`${"a".repeat(47)} b`);
		expect(key).toBe("a".repeat(47));
	});
});

describe("sortRoles", () => {
	const role = (name: string, isBuiltin: boolean): Role => ({
		id: crypto.randomUUID(),
		key: name.toLowerCase(),
		name,
		description: "",
		contextType: "tenant",
		isBuiltin,
		permissions: [],
		assignmentCount: 0,
		revision: "r",
		createdAt: new Date(0),
	});

	it("puts built-ins first, broadest first, then custom roles by name", () => {
		const sorted = sortRoles(
			[
				role("zeta", false),
				role("Member", true),
				role("Tenant_admin", true),
				role("alpha", false),
				role("Security_auditor", true),
			],
			"en",
		);
		expect(sorted.map((item) => item.name)).toEqual(["Tenant_admin", "Security_auditor", "Member", "alpha", "zeta"]);
	});
});

describe("roleInput", () => {
	const values: RoleFormValues = {
		name: " Support agent ",
		key: " support_agent ",
		description: "",
		contextType: "tenant",
		permissions: ["users.read"],
	};
	const existing = { roleId: "00000000-0000-4000-8000-0000000000r1", revision: "rev-1" };

	it("creates with key and context type, and the schema trims the name", () => {
		const input = roleInput(values, null);
		expect(input).toEqual({
			key: "support_agent",
			name: " Support agent ",
			description: "",
			contextType: "tenant",
			permissions: ["users.read"],
		});
		expect(ZCreateRoleInput.parse(input)).toMatchObject({ name: "Support agent", key: "support_agent" });
	});

	it("saves an existing role without key or context type, from the revision it was read at", () => {
		expect(roleInput(values, existing)).toEqual({
			roleId: existing.roleId,
			revision: "rev-1",
			name: " Support agent ",
			description: "",
			permissions: ["users.read"],
		});
	});

	it("lets the server's schema name each problem by field", () => {
		const failing = (changed: Partial<RoleFormValues>) => {
			const parsed = ZCreateRoleInput.safeParse(roleInput({ ...values, ...changed }, null));
			return parsed.success ? [] : [...new Set(parsed.error.issues.map((issue) => issue.path[0]))];
		};
		expect(failing({ name: "  ", key: "" })).toEqual(["key", "name"]);
		expect(failing({ key: "Support Agent" })).toEqual(["key"]);
		expect(failing({ description: "x".repeat(501) })).toEqual(["description"]);
		expect(failing({ name: "evil\u202Ename" })).toEqual(["name"]);
		// A length in characters is a limit the form can name, not a bare refinement.
		const tooLong = ZCreateRoleInput.safeParse(roleInput({ ...values, name: "é".repeat(81) }, null));
		expect(tooLong.error?.issues).toMatchObject([{ path: ["name"], code: "too_big", maximum: 80 }]);
	});
});
