import { describe, expect, it } from "vitest";
import type { RouterOutputs } from "../../trpc";
import { type InviteGrantable, inviteChoices } from "./grantable-roles";

type Role = RouterOutputs["roles"]["list"][number];

const TENANT = { id: "00000000-0000-4000-8000-000000000001", name: "Acme" };
const SALES = "00000000-0000-4000-8000-0000000000a1";
const EMEA = "00000000-0000-4000-8000-0000000000a2";
const BOARD = "00000000-0000-4000-8000-0000000000b1";

function role(key: string, contextType: Role["contextType"]): Role {
	return {
		id: `id-${key}`,
		key,
		name: key.replace("_", " "),
		description: "",
		contextType,
		isBuiltin: true,
		permissions: [],
		assignmentCount: 0,
		revision: "r1",
		createdAt: new Date(0),
	};
}

const ROLES = [
	role("tenant_admin", "tenant"),
	role("member", "tenant"),
	role("account_admin", "account"),
	role("space_admin", "space"),
];

const grant = (roleKey: string, contextType: Role["contextType"], contextId: string, allowed = true) => ({
	roleId: `id-${roleKey}`,
	contextType,
	contextId,
	allowed,
	reason: allowed ? null : ("exceeds_own" as const),
	withSubAccounts: false,
});

const GRANTABLE: InviteGrantable = {
	contexts: {
		tenant: TENANT,
		accounts: [
			{ id: SALES, name: "Sales", parentAccountId: null },
			{ id: EMEA, name: "Sales EMEA", parentAccountId: SALES },
		],
		spaces: [{ id: BOARD, name: "Board", accountId: EMEA, accountName: "Sales EMEA" }],
	},
	grants: [
		grant("tenant_admin", "tenant", TENANT.id, false),
		grant("member", "tenant", TENANT.id),
		grant("account_admin", "account", EMEA),
		grant("account_admin", "account", SALES),
		grant("space_admin", "space", BOARD),
	],
};

const summary = (choices: ReturnType<typeof inviteChoices>) =>
	choices.roles.map((choice) => `${choice.roleName} @ ${choice.contextLabel}`);

describe("inviteChoices", () => {
	it("offers what the server allows, named and ordered by kind, place and role; accounts as a tree", () => {
		const choices = inviteChoices(ROLES, GRANTABLE);
		expect(summary(choices)).toEqual([
			"member @ Acme",
			"account admin @ Sales",
			"account admin @ Sales EMEA",
			"space admin @ Sales EMEA / Board",
		]);
		expect(choices.roles[0]).toMatchObject({
			value: `id-member@tenant:${TENANT.id}`,
			contextType: "tenant",
			contextId: TENANT.id,
			roleId: "id-member",
		});
		expect(choices.accounts).toEqual([
			{ value: SALES, label: "Sales" },
			{ value: EMEA, label: "\u00a0\u00a0\u00a0Sales EMEA" },
		]);
	});

	it("never offers what the server refused, a role the catalogue does not show, or an unnamed place", () => {
		const grantable: InviteGrantable = {
			contexts: { tenant: TENANT, accounts: [], spaces: [] },
			grants: [
				grant("tenant_admin", "tenant", TENANT.id, false),
				grant("gone", "tenant", TENANT.id),
				grant("account_admin", "account", SALES),
			],
		};
		expect(summary(inviteChoices(ROLES, grantable))).toEqual([]);
		expect(summary(inviteChoices([], GRANTABLE))).toEqual([]);
	});
});
