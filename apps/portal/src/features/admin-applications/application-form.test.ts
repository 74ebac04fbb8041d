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

	it("offers organisation roles, blocking those with permissions the admin lacks", () => {
		const offered = grantableRoles(roles, ["roles.manage", "users.read", "users.write"]);
		expect(offered.map(({ role: item, block }) => [item.key, block])).toEqual([
			["user_manager", null],
			["security_auditor", "notHeld"],
		]);
	});

	it("blocks every role without roles.manage", () => {
		expect(grantableRoles(roles, ["users.read", "users.write"]).map(({ block }) => block)).toEqual([
			"noRolesManage",
			"noRolesManage",
		]);
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
