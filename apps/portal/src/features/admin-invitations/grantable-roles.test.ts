import { describe, expect, it } from "vitest";
import type { RouterOutputs } from "../../trpc";
import { inviteChoices } from "./grantable-roles";

type Role = RouterOutputs["roles"]["list"][number];

const TENANT = { id: "00000000-0000-4000-8000-000000000001", name: "Acme" };
const ACCOUNT = "00000000-0000-4000-8000-0000000000a1";
const OTHER_ACCOUNT = "00000000-0000-4000-8000-0000000000a2";

function role(key: string, contextType: Role["contextType"], permissions: string[]): Role {
	return {
		id: `id-${key}`,
		key,
		name: key.replace("_", " "),
		description: "",
		contextType,
		isBuiltin: true,
		permissions: permissions as Role["permissions"],
		assignmentCount: 0,
		revision: "r1",
		createdAt: new Date(0),
	};
}

const ALL = ["users.read", "users.write", "roles.read", "roles.manage", "invitations.manage", "audit.read"];
const ROLES = [
	role("tenant_admin", "tenant", ALL),
	role("user_manager", "tenant", ["users.read", "users.write", "invitations.manage", "roles.read"]),
	role("member", "tenant", []),
	role("account_admin", "account", ["users.read", "invitations.manage", "roles.read", "audit.read"]),
	role("space_admin", "space", ["users.read", "invitations.manage"]),
];

describe("inviteChoices", () => {
	it("offers a tenant administrator every tenant role, in the organisation", () => {
		const choices = inviteChoices(
			ROLES,
			[{ roleKey: "tenant_admin", contextType: "tenant", contextId: TENANT.id }],
			TENANT,
		);
		expect(choices.roles.map((choice) => [choice.roleName, choice.contextLabel])).toEqual([
			["member", "Acme"],
			["tenant admin", "Acme"],
			["user manager", "Acme"],
		]);
		expect(choices.roles[0]).toMatchObject({ contextType: "tenant", contextId: TENANT.id, roleId: "id-member" });
		expect(choices.accounts).toEqual([]);
	});

	it("never offers a role with a permission the administrator lacks there (role ≤ inviter)", () => {
		const choices = inviteChoices(
			ROLES,
			[{ roleKey: "user_manager", contextType: "tenant", contextId: TENANT.id }],
			TENANT,
		);
		expect(choices.roles.map((choice) => choice.roleName)).toEqual(["member", "user manager"]);
	});

	it("offers an account administrator the roles of their account, and that account as primary account", () => {
		const choices = inviteChoices(
			ROLES,
			[{ roleKey: "account_admin", contextType: "account", contextId: ACCOUNT, contextLabel: "Sales" }],
			TENANT,
		);
		expect(choices.roles).toEqual([
			{
				value: `id-account_admin@account:${ACCOUNT}`,
				roleId: "id-account_admin",
				roleName: "account admin",
				contextType: "account",
				contextId: ACCOUNT,
				contextLabel: "Sales",
			},
		]);
		expect(choices.accounts).toEqual([{ id: ACCOUNT, label: "Sales" }]);
	});

	it("adds tenant-wide permissions to every account the administrator holds a role in", () => {
		const choices = inviteChoices(
			ROLES,
			[
				{ roleKey: "user_manager", contextType: "tenant", contextId: TENANT.id },
				// A role without invitations.manage, in an account: the tenant-wide grant still reaches it.
				{ roleKey: "member", contextType: "account", contextId: OTHER_ACCOUNT, contextLabel: null },
			],
			TENANT,
		);
		expect(choices.accounts).toEqual([{ id: OTHER_ACCOUNT, label: null }]);
		// account_admin needs audit.read, which neither grant gives.
		expect(choices.roles.filter((choice) => choice.contextType === "account")).toEqual([]);
	});

	it("offers nothing where the administrator may not invite, and ignores unknown roles", () => {
		const choices = inviteChoices(
			ROLES,
			[
				{ roleKey: "member", contextType: "tenant", contextId: TENANT.id },
				{ roleKey: "gone", contextType: "space", contextId: ACCOUNT },
			],
			TENANT,
		);
		expect(choices).toEqual({ roles: [], accounts: [] });
	});
});
