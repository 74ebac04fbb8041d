import { ZCreateApplicationUserInput, ZIssueApiKeyInput } from "@tessera/core/apikeys/apikey.schema";
import { describe, expect, it } from "vitest";
import { maxLengthOf } from "../../lib/use-schema-form";
import {
	type ApplicationGrantable,
	buildCreateApplicationUserInput,
	buildIssueApiKeyInput,
	EXPIRY_CHOICES,
	expiryDate,
	grantableRoles,
	isExpiryChoice,
} from "./application-form";

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
	const TENANT = "00000000-0000-4000-8000-000000000001";
	const SALES = "00000000-0000-4000-8000-0000000000a1";
	const role = (key: string, contextType: "tenant" | "account" | "space") =>
		({
			id: `id-${key}`,
			key,
			name: key,
			description: "",
			contextType,
			isBuiltin: true,
			permissions: [],
			assignmentCount: 0,
			revision: "r",
			createdAt: new Date(0),
		}) as Parameters<typeof grantableRoles>[0][number];
	const userManager = { ...role("user_manager", "tenant"), id: "id-user-manager" };
	const auditor = { ...role("security_auditor", "tenant"), id: "id-auditor" };
	const accountAdmin = { ...role("account_admin", "account"), id: "id-account-admin" };
	const spaceAdmin = { ...role("space_admin", "space"), id: "id-space-admin" };
	const roles = [userManager, auditor, accountAdmin, spaceAdmin];
	const grant = (
		roleId: string,
		contextType: "tenant" | "account",
		contextId: string,
		reason: "not_manager" | "exceeds_own" | null,
	) => ({ roleId, contextType, contextId, allowed: reason === null, reason, withSubAccounts: false });
	const grantable = (grants: ReturnType<typeof grant>[], tenant = true): ApplicationGrantable => ({
		contexts: {
			tenant: tenant ? { id: TENANT, name: "Acme" } : null,
			accounts: [{ id: SALES, name: "Sales", parentAccountId: null }],
			spaces: [],
		},
		grants,
	});
	const blocks = (offered: ReturnType<typeof grantableRoles>) =>
		offered.map(({ role: item, block }) => [item.key, block]);

	it("blocks what the server refuses at the tenant; account roles need an account; space roles are not offered", () => {
		const answer = grantable([
			grant(userManager.id, "tenant", TENANT, null),
			grant(auditor.id, "tenant", TENANT, "exceeds_own"),
		]);
		expect(blocks(grantableRoles(roles, answer, null))).toEqual([
			["user_manager", null],
			["security_auditor", "notHeld"],
			["account_admin", "needsAccount"],
		]);
	});

	it("decides account roles in the chosen primary account by the server's answer there", () => {
		const answer = grantable([grant(accountAdmin.id, "account", SALES, null)], false);
		expect(blocks(grantableRoles(roles, answer, SALES))).toEqual([
			["user_manager", "noRolesManage"],
			["security_auditor", "noRolesManage"],
			["account_admin", null],
		]);
		const elsewhere = "00000000-0000-4000-8000-0000000000a9";
		expect(blocks(grantableRoles(roles, answer, elsewhere)).at(-1)).toEqual(["account_admin", "noRolesManage"]);
	});

	it("blocks a role the server says needs roles.manage", () => {
		const answer = grantable([grant(userManager.id, "tenant", TENANT, "not_manager")]);
		expect(blocks(grantableRoles(roles, answer, null))[0]).toEqual(["user_manager", "noRolesManage"]);
	});
});

describe("buildCreateApplicationUserInput", () => {
	const offered = [
		{ role: { key: "user_manager" }, block: null },
		{ role: { key: "account_admin" }, block: "needsAccount" as const },
	];
	const values = { name: " Billing sync ", username: "", primaryAccountId: "", roleKeys: [] };

	it("leaves out an empty username and account, and roles that cannot be given", () => {
		expect(
			buildCreateApplicationUserInput({ ...values, roleKeys: ["user_manager", "account_admin"] }, offered),
		).toEqual({ name: " Billing sync ", roleKeys: ["user_manager"] });
		const account = "00000000-0000-4000-8000-0000000000a1";
		expect(
			buildCreateApplicationUserInput({ ...values, username: " billing ", primaryAccountId: account }, offered),
		).toEqual({ name: " Billing sync ", username: "billing", primaryAccountId: account, roleKeys: [] });
	});

	it.each([
		[{ name: "Billing sync", username: "" }, []],
		[{ name: "  ", username: "" }, ["name"]],
		[{ name: "x".repeat(101), username: "" }, ["name"]],
		[{ name: "Billing", username: "billing-sync.eu_1" }, []],
		[{ name: "Billing", username: "ab" }, ["username"]],
		[{ name: "Billing", username: "-billing" }, ["username"]],
		[{ name: "Billing", username: "billing sync" }, ["username"]],
	])("the procedure's schema checks %o: refused %o", (changed, refused) => {
		const parsed = ZCreateApplicationUserInput.safeParse(
			buildCreateApplicationUserInput({ ...values, ...changed }, []),
		);
		expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path[0])).toEqual(refused);
	});
});

describe("buildIssueApiKeyInput", () => {
	const userId = "00000000-0000-4000-8000-000000000001";
	const now = new Date("2026-03-01T10:00:00Z");

	it("sends the name, and an expiry only when one is chosen", () => {
		expect(buildIssueApiKeyInput(userId, { name: "ci", expiry: "never" }, now)).toEqual({ userId, name: "ci" });
		expect(buildIssueApiKeyInput(userId, { name: "ci", expiry: "30" }, now)).toEqual({
			userId,
			name: "ci",
			expiresAt: new Date("2026-03-31T10:00:00Z"),
		});
		expect(
			ZIssueApiKeyInput.safeParse(buildIssueApiKeyInput(userId, { name: " ", expiry: "never" }, now)).success,
		).toBe(false);
	});
});

describe("field limits", () => {
	it("come from the procedure's schema, through its transforms and optional wrappers", () => {
		expect(maxLengthOf(ZCreateApplicationUserInput.shape.name)).toBe(400);
		expect(maxLengthOf(ZCreateApplicationUserInput.shape.username)).toBe(64);
		expect(maxLengthOf(ZCreateApplicationUserInput.shape.primaryAccountId)).toBeUndefined();
	});
});
