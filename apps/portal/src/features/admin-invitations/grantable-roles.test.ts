import { describe, expect, it } from "vitest";
import type { HeldRole } from "../../lib/held-permissions";
import type { RouterOutputs } from "../../trpc";
import { type InviteContexts, inviteChoices } from "./grantable-roles";

type Role = RouterOutputs["roles"]["list"][number];

const TENANT = { id: "00000000-0000-4000-8000-000000000001", name: "Acme" };
const SALES = "00000000-0000-4000-8000-0000000000a1";
const EMEA = "00000000-0000-4000-8000-0000000000a2";
const ENGINEERING = "00000000-0000-4000-8000-0000000000a3";
const BOARD = "00000000-0000-4000-8000-0000000000b1";

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

const EVERYWHERE: InviteContexts = {
	tenant: TENANT,
	accounts: [
		{ id: SALES, name: "Sales", parentAccountId: null },
		{ id: EMEA, name: "Sales EMEA", parentAccountId: SALES },
		{ id: ENGINEERING, name: "Engineering", parentAccountId: null },
	],
	spaces: [{ id: BOARD, name: "Board", accountId: EMEA, accountName: "Sales EMEA" }],
};

const held = (roleKey: string, contextType: Role["contextType"], contextId: string, sub = false): HeldRole => ({
	roleKey,
	contextType,
	contextId,
	appliesToSubAccounts: sub,
});

const summary = (choices: ReturnType<typeof inviteChoices>) =>
	choices.roles.map((choice) => `${choice.roleName} @ ${choice.contextLabel}`);

describe("inviteChoices", () => {
	it("offers a tenant administrator every role in every context, and every account as a tree", () => {
		const choices = inviteChoices(ROLES, [held("tenant_admin", "tenant", TENANT.id)], EVERYWHERE, TENANT.id);
		expect(summary(choices)).toEqual([
			"member @ Acme",
			"tenant admin @ Acme",
			"user manager @ Acme",
			"account admin @ Engineering",
			"account admin @ Sales",
			"account admin @ Sales EMEA",
			"space admin @ Sales EMEA / Board",
		]);
		expect(choices.roles[0]).toMatchObject({ contextType: "tenant", contextId: TENANT.id, roleId: "id-member" });
		expect(choices.accounts).toEqual([
			{ value: ENGINEERING, label: "Engineering" },
			{ value: SALES, label: "Sales" },
			{ value: EMEA, label: "\u00a0\u00a0\u00a0Sales EMEA" },
		]);
	});

	it("never offers a role with a permission the administrator lacks there (role ≤ inviter)", () => {
		const choices = inviteChoices(ROLES, [held("user_manager", "tenant", TENANT.id)], EVERYWHERE, TENANT.id);
		// account_admin needs audit.read, which a user manager lacks.
		expect(summary(choices)).toEqual(["member @ Acme", "user manager @ Acme", "space admin @ Sales EMEA / Board"]);
	});

	it("reaches sub-accounts and their spaces only through a role assigned to sub-accounts", () => {
		const contexts: InviteContexts = {
			tenant: null,
			accounts: EVERYWHERE.accounts.filter((account) => account.id !== ENGINEERING),
			spaces: EVERYWHERE.spaces,
		};
		const withSub = inviteChoices(ROLES, [held("account_admin", "account", SALES, true)], contexts, TENANT.id);
		expect(summary(withSub)).toEqual([
			"account admin @ Sales",
			"account admin @ Sales EMEA",
			"space admin @ Sales EMEA / Board",
		]);

		// The server would not list EMEA without sub-accounts; even so the role is not offered there.
		const withoutSub = inviteChoices(ROLES, [held("account_admin", "account", SALES)], contexts, TENANT.id);
		expect(summary(withoutSub)).toEqual(["account admin @ Sales"]);
	});

	it("offers a space administrator their space's role only, and no account", () => {
		const contexts: InviteContexts = { tenant: null, accounts: [], spaces: EVERYWHERE.spaces };
		const choices = inviteChoices(ROLES, [held("space_admin", "space", BOARD)], contexts, TENANT.id);
		expect(summary(choices)).toEqual(["space admin @ Sales EMEA / Board"]);
		expect(choices.accounts).toEqual([]);
	});

	it("ignores roles the catalogue does not know", () => {
		const contexts: InviteContexts = { tenant: TENANT, accounts: [], spaces: [] };
		const choices = inviteChoices(ROLES, [held("gone", "tenant", TENANT.id)], contexts, TENANT.id);
		expect(summary(choices)).toEqual(["member @ Acme"]);
	});
});
