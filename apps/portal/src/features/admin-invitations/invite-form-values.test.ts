import { ZCreateInvitationInput } from "@tessera/core/invitations/invitation.schema";
import { describe, expect, it } from "vitest";
import type { RoleChoice } from "./grantable-roles";
import {
	buildCreateInvitationInput,
	EMPTY_INVITE_FORM,
	groupInviteFieldErrors,
	inviteFieldOf,
} from "./invite-form-values";

const ACCOUNT_ROLE: RoleChoice = {
	value: "r-acc@account:a1",
	roleId: "00000000-0000-4000-8000-0000000000r1",
	roleName: "Account administrator",
	contextType: "account",
	contextId: "00000000-0000-4000-8000-0000000000a1",
	contextLabel: "Sales",
};
const TENANT_ROLE: RoleChoice = {
	value: "r-mem@tenant:t1",
	roleId: "00000000-0000-4000-8000-0000000000r2",
	roleName: "Member",
	contextType: "tenant",
	contextId: "00000000-0000-4000-8000-0000000000t1",
	contextLabel: "Acme",
};

describe("buildCreateInvitationInput", () => {
	it("sends only the email when nothing else is filled in", () => {
		expect(buildCreateInvitationInput({ ...EMPTY_INVITE_FORM, email: "  ada@example.com " }, [])).toEqual({
			email: "ada@example.com",
		});
	});

	it("sends names, language, account and the chosen role in the context it was offered in", () => {
		const input = buildCreateInvitationInput(
			{
				email: "ada@example.com",
				firstName: " Ada ",
				lastName: "Lovelace",
				language: "de",
				primaryAccountId: ACCOUNT_ROLE.contextId,
				role: ACCOUNT_ROLE.value,
				appliesToSubAccounts: true,
			},
			[TENANT_ROLE, ACCOUNT_ROLE],
		);
		expect(input).toEqual({
			email: "ada@example.com",
			firstName: "Ada",
			lastName: "Lovelace",
			language: "de",
			primaryAccountId: ACCOUNT_ROLE.contextId,
			role: {
				roleId: ACCOUNT_ROLE.roleId,
				contextType: "account",
				contextId: ACCOUNT_ROLE.contextId,
				appliesToSubAccounts: true,
			},
		});
	});

	it("never asks for sub-accounts outside an account, and drops a role that is no longer offered", () => {
		const tenant = buildCreateInvitationInput(
			{ ...EMPTY_INVITE_FORM, email: "a@x.io", role: TENANT_ROLE.value, appliesToSubAccounts: true },
			[TENANT_ROLE],
		);
		expect(tenant.role?.appliesToSubAccounts).toBe(false);
		const stale = buildCreateInvitationInput({ ...EMPTY_INVITE_FORM, email: "a@x.io", role: "gone" }, [TENANT_ROLE]);
		expect(stale.role).toBeUndefined();
	});
});

describe("the form checked with the procedure's schema", () => {
	it("accepts what the form sends and names the fields it refuses", () => {
		const role = { ...ACCOUNT_ROLE, roleId: "00000000-0000-4000-8000-000000000001" };
		const refused = (values: Partial<typeof EMPTY_INVITE_FORM>) => {
			const parsed = ZCreateInvitationInput.safeParse(
				buildCreateInvitationInput({ ...EMPTY_INVITE_FORM, ...values }, [role]),
			);
			return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path[0]);
		};
		expect(refused({ email: "ada@example.com", role: role.value, appliesToSubAccounts: true })).toEqual([]);
		expect(refused({ email: "ada-at-example" })).toEqual(["email"]);
		expect(refused({ email: "ada@example.com", firstName: "x".repeat(101) })).toEqual(["firstName"]);
	});
});

describe("server field errors", () => {
	it("maps nested paths to the form field they belong to", () => {
		expect(inviteFieldOf("email")).toBe("email");
		expect(inviteFieldOf("role.contextId")).toBe("role");
		expect(inviteFieldOf("cursor")).toBeNull();
	});

	it("groups messages per field and keeps the rest apart", () => {
		expect(
			groupInviteFieldErrors({
				email: ["Must be a valid email address"],
				"role.roleId": ["Unknown role"],
				"role.contextId": ["Unknown account"],
				_: ["Unknown field(s): x"],
			}),
		).toEqual({
			byField: { email: ["Must be a valid email address"], role: ["Unknown role", "Unknown account"] },
			other: [["_", ["Unknown field(s): x"]]],
		});
	});
});
