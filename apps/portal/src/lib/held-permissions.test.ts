import { describe, expect, it } from "vitest";
import { type HeldRole, permissionsAt } from "./held-permissions";

const TENANT = "t";
const ROLES = new Map<string, readonly string[]>([
	["reader", ["users.read"]],
	["writer", ["users.write"]],
	["inviter", ["invitations.manage"]],
]);
const held = (roleKey: string, contextType: HeldRole["contextType"], contextId: string, sub = false): HeldRole => ({
	roleKey,
	contextType,
	contextId,
	appliesToSubAccounts: sub,
});
const at = (roles: HeldRole[], accountChain: string[], spaceId?: string) =>
	[...permissionsAt(roles, ROLES, TENANT, spaceId ? { accountChain, spaceId } : { accountChain })].sort();

describe("permissionsAt", () => {
	it("gives a tenant role everywhere in its tenant only", () => {
		expect(at([held("reader", "tenant", TENANT)], [])).toEqual(["users.read"]);
		expect(at([held("reader", "tenant", TENANT)], ["b", "a"], "s")).toEqual(["users.read"]);
		expect(at([held("reader", "tenant", "other")], [])).toEqual([]);
	});

	it("gives an account role in its account and spaces, in sub-accounts only when assigned so", () => {
		const own = held("writer", "account", "a");
		expect(at([own], ["a"])).toEqual(["users.write"]);
		expect(at([own], ["a"], "s")).toEqual(["users.write"]);
		expect(at([own], ["b", "a"])).toEqual([]);
		expect(at([held("writer", "account", "a", true)], ["b", "a"])).toEqual(["users.write"]);
		expect(at([own], [])).toEqual([]);
	});

	it("gives a space role in that space only, and adds up several roles", () => {
		const roles = [held("inviter", "space", "s"), held("reader", "tenant", TENANT), held("unknown", "tenant", TENANT)];
		expect(at(roles, ["a"], "s")).toEqual(["invitations.manage", "users.read"]);
		expect(at(roles, ["a"], "other")).toEqual(["users.read"]);
	});
});
