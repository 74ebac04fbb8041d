import { PERMISSION_KEYS } from "@tessera/core/roles/permissions";
import { describe, expect, it } from "vitest";
import {
	groupPermissions,
	parseRoleForm,
	permissionsNotHeld,
	type Role,
	type RoleFormValues,
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

describe("parseRoleForm", () => {
	const values: RoleFormValues = {
		name: " Support agent ",
		key: "support_agent",
		description: "",
		contextType: "tenant",
		permissions: ["users.read"],
	};

	it("accepts a valid form and trims the name", async () => {
		expect(await parseRoleForm(values)).toEqual({
			ok: true,
			values: { name: "Support agent", key: "support_agent", description: "" },
		});
	});

	it("names each problem by field", async () => {
		expect(await parseRoleForm({ ...values, name: "  ", key: "" })).toEqual({
			ok: false,
			errors: { name: "required", key: "required" },
		});
		expect(await parseRoleForm({ ...values, key: "Support Agent" })).toEqual({
			ok: false,
			errors: { key: "keyFormat" },
		});
		expect(await parseRoleForm({ ...values, description: "x".repeat(501) })).toEqual({
			ok: false,
			errors: { description: "tooLong" },
		});
		expect(await parseRoleForm({ ...values, name: "evil\u202Ename" })).toEqual({
			ok: false,
			errors: { name: "controlCharacters" },
		});
	});
});
