import { describe, expect, it } from "vitest";
import { checkApplicationForm, EXPIRY_CHOICES, expiryDate, grantableRoles, isExpiryChoice } from "./application-form";

describe("expiryDate", () => {
	const now = new Date("2026-03-01T10:00:00Z");

	it("adds whole days, or nothing for no expiry", () => {
		expect(expiryDate("never", now)).toBeUndefined();
		expect(expiryDate("30", now)).toEqual(new Date("2026-03-31T10:00:00Z"));
		expect(expiryDate("365", now)).toEqual(new Date("2027-03-01T10:00:00Z"));
	});

	it("recognises only the offered choices", () => {
		expect(EXPIRY_CHOICES.every(isExpiryChoice)).toBe(true);
		expect(isExpiryChoice("7")).toBe(false);
	});
});

describe("grantableRoles", () => {
	const role = (key: string, contextType: "tenant" | "account" | "space", permissions: string[]) =>
		({
			id: crypto.randomUUID(),
			key,
			name: key,
			description: "",
			contextType,
			isBuiltin: true,
			permissions,
			assignmentCount: 0,
			revision: "r",
			createdAt: new Date(0),
		}) as Parameters<typeof grantableRoles>[0][number];
	const roles = [
		role("user_manager", "tenant", ["users.read", "users.write"]),
		role("security_auditor", "tenant", ["users.read", "audit.read"]),
		role("account_admin", "account", ["users.read"]),
		role("space_admin", "space", ["users.read"]),
	];

	const TENANT = "00000000-0000-4000-8000-000000000001";
	const SALES = "00000000-0000-4000-8000-0000000000a1";
	const EMEA = "00000000-0000-4000-8000-0000000000a2";
	const roleCatalogue = [
		...roles,
		role("tenant_admin", "tenant", ["roles.manage", "users.read", "users.write", "audit.read"]),
		role("writer_with_roles", "tenant", ["roles.manage", "users.read", "users.write"]),
	];
	const held = (roleKey: string, contextType: "tenant" | "account", contextId: string, sub = false) => ({
		roleKey,
		contextType,
		contextId,
		appliesToSubAccounts: sub,
	});
	const blocks = (offered: ReturnType<typeof grantableRoles>) =>
		offered.filter(({ role: item }) => roles.includes(item)).map(({ role: item, block }) => [item.key, block]);

	it("offers organisation roles, blocking those with permissions the admin lacks; account roles need an account", () => {
		const offered = grantableRoles(roleCatalogue, [held("writer_with_roles", "tenant", TENANT)], TENANT, null);
		expect(blocks(offered)).toEqual([
			["user_manager", null],
			["security_auditor", "notHeld"],
			["account_admin", "needsAccount"],
		]);
	});

	it("offers account roles in the chosen primary account, by what the admin holds there", () => {
		const admin = [held("tenant_admin", "account", SALES)];
		// In Sales itself, not in its sub-account (the role was not assigned to sub-accounts).
		expect(blocks(grantableRoles(roleCatalogue, admin, TENANT, [SALES]))).toEqual([
			["user_manager", "noRolesManage"],
			["security_auditor", "noRolesManage"],
			["account_admin", null],
		]);
		expect(blocks(grantableRoles(roleCatalogue, admin, TENANT, [EMEA, SALES])).at(-1)).toEqual([
			"account_admin",
			"noRolesManage",
		]);
		const withSub = [held("tenant_admin", "account", SALES, true)];
		expect(blocks(grantableRoles(roleCatalogue, withSub, TENANT, [EMEA, SALES])).at(-1)).toEqual([
			"account_admin",
			null,
		]);
	});

	it("blocks every role without roles.manage", () => {
		const offered = grantableRoles(roleCatalogue, [held("user_manager", "tenant", TENANT)], TENANT, [SALES]);
		expect(blocks(offered).map(([, block]) => block)).toEqual(["noRolesManage", "noRolesManage", "noRolesManage"]);
	});
});

describe("checkApplicationForm", () => {
	it.each([
		[{ name: "Billing sync", username: "" }, {}],
		[{ name: "  ", username: "" }, { name: "nameRequired" }],
		[{ name: "x".repeat(101), username: "" }, { name: "nameTooLong" }],
		[{ name: "Billing", username: "billing-sync.eu_1" }, {}],
		[{ name: "Billing", username: "ab" }, { username: "usernameInvalid" }],
		[{ name: "Billing", username: "-billing" }, { username: "usernameInvalid" }],
		[{ name: "Billing", username: "billing sync" }, { username: "usernameInvalid" }],
	])("%o → %o", (values, problems) => {
		expect(checkApplicationForm(values)).toEqual(problems);
	});
});
