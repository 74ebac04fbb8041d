import { describe, expect, it } from "vitest";
import type { Grant } from "../shared/actor";
import { BUILTIN_ROLES } from "./builtin-roles";
import type { Permission } from "./permissions";
import {
	type ActionOnUser,
	decideActionOnUser,
	decideGrantChange,
	type GrantChange,
	holdsInContext,
	missingPermissions,
	outrankingPermissions,
	permissionsMissingAt,
	type ResolvedContext,
	type ResolvedGrant,
} from "./role-grant";

const TENANT = "t-1";
const PARENT = "acc-parent";
const CHILD = "acc-child";
const SIBLING = "acc-sibling";
const SPACE = "space-1"; // a space of PARENT
const OTHER_SPACE = "space-2";
const ME = "u-actor";
const SOMEONE = "u-target";

const permissionsOf = (key: string): readonly Permission[] => {
	const role = BUILTIN_ROLES.find((r) => r.key === key);
	if (!role) throw new Error(`no built-in role ${key}`);
	return role.permissions;
};

/** The grants a built-in role gives when assigned in a context. */
const grantsOf = (key: string, contextType: Grant["contextType"], contextId: string, appliesToSubAccounts = false) =>
	permissionsOf(key).map((permission) => ({ permission, contextType, contextId, appliesToSubAccounts }));

const tenantCtx: ResolvedContext = { type: "tenant", tenantId: TENANT };
const parentCtx: ResolvedContext = { type: "account", tenantId: TENANT, accountChain: [PARENT] };
const childCtx: ResolvedContext = { type: "account", tenantId: TENANT, accountChain: [CHILD, PARENT] };
const siblingCtx: ResolvedContext = { type: "account", tenantId: TENANT, accountChain: [SIBLING] };
const spaceCtx: ResolvedContext = { type: "space", tenantId: TENANT, spaceId: SPACE, accountChain: [PARENT] };
const otherSpaceCtx: ResolvedContext = {
	type: "space",
	tenantId: TENANT,
	spaceId: OTHER_SPACE,
	accountChain: [SIBLING],
};

const tenantAdmin = grantsOf("tenant_admin", "tenant", TENANT);
const parentAdmin = grantsOf("account_admin", "account", PARENT);
const parentAdminWide = grantsOf("account_admin", "account", PARENT, true);
const spaceAdmin = grantsOf("space_admin", "space", SPACE);

const role = (key: string) => {
	const found = BUILTIN_ROLES.find((r) => r.key === key);
	if (!found) throw new Error(`no built-in role ${key}`);
	return { contextType: found.contextType, permissions: found.permissions };
};
const customAccountRole = { contextType: "account" as const, permissions: ["users.read", "apikeys.manage"] as const };

const change = (over: Partial<GrantChange>): GrantChange => ({
	operation: "assign",
	actorGrants: tenantAdmin,
	actorUserId: ME,
	assigneeUserId: SOMEONE,
	role: role("account_admin"),
	context: parentCtx,
	appliesToSubAccounts: false,
	...over,
});

describe("decideGrantChange", () => {
	it.each([
		[
			"tenant admin assigns a tenant role in the tenant",
			change({ role: role("user_manager"), context: tenantCtx }),
			"ok",
		],
		["tenant admin assigns an account role with sub-account reach", change({ appliesToSubAccounts: true }), "ok"],
		["tenant admin assigns a space role in a space", change({ role: role("space_admin"), context: spaceCtx }), "ok"],
		[
			"a space role in an account is refused",
			change({ role: role("space_admin"), context: parentCtx }),
			"context_type_mismatch",
		],
		["an account role in a space is refused", change({ context: spaceCtx }), "context_type_mismatch"],
		[
			"a tenant role in an account is refused",
			change({ role: role("user_manager"), context: parentCtx }),
			"context_type_mismatch",
		],
		[
			"sub-account reach outside an account is refused",
			change({ role: role("space_admin"), context: spaceCtx, appliesToSubAccounts: true }),
			"sub_accounts_outside_account",
		],
		[
			"space admin grants an account-level role",
			change({ actorGrants: spaceAdmin, context: parentCtx }),
			"not_manager",
		],
		[
			"space admin grants a space role in their space",
			change({ actorGrants: spaceAdmin, role: role("space_admin"), context: spaceCtx }),
			"ok",
		],
		[
			"space admin grants a space role in another space",
			change({ actorGrants: spaceAdmin, role: role("space_admin"), context: otherSpaceCtx }),
			"not_manager",
		],
		["account admin assigns account roles in their account", change({ actorGrants: parentAdmin }), "ok"],
		[
			"account admin assigns a space role in a space of their account",
			change({ actorGrants: parentAdmin, role: role("space_admin"), context: spaceCtx }),
			"ok",
		],
		[
			"account admin without reach cannot assign in a sub-account",
			change({ actorGrants: parentAdmin, context: childCtx }),
			"not_manager",
		],
		[
			"account admin with reach assigns in a sub-account",
			change({ actorGrants: parentAdminWide, context: childCtx }),
			"ok",
		],
		[
			"account admin cannot assign in a sibling account",
			change({ actorGrants: parentAdminWide, context: siblingCtx }),
			"not_manager",
		],
		[
			"account admin without reach cannot hand out reach over sub-accounts",
			change({ actorGrants: parentAdmin, appliesToSubAccounts: true }),
			"not_manager",
		],
		[
			"account admin with reach may hand out reach",
			change({ actorGrants: parentAdminWide, appliesToSubAccounts: true }),
			"ok",
		],
		[
			"account admin cannot grant a permission they lack (apikeys.manage)",
			change({ actorGrants: parentAdmin, role: customAccountRole }),
			"exceeds_own",
		],
		[
			"account admin cannot give themselves a permission they lack",
			change({ actorGrants: parentAdmin, role: customAccountRole, assigneeUserId: ME }),
			"self_escalation",
		],
		[
			"account admin cannot grant themselves tenant admin",
			change({ actorGrants: parentAdmin, role: role("tenant_admin"), context: tenantCtx, assigneeUserId: ME }),
			"not_manager",
		],
		[
			"self-assigning what one already holds there is no escalation",
			change({ actorGrants: parentAdmin, assigneeUserId: ME }),
			"ok",
		],
		[
			"a lesser admin cannot strip a role more powerful than their own",
			change({ operation: "remove", actorGrants: parentAdmin, role: customAccountRole }),
			"exceeds_own",
		],
		[
			"removing oneself from a role one holds is allowed",
			change({ operation: "remove", actorGrants: parentAdmin, assigneeUserId: ME }),
			"ok",
		],
		["no grants, no assignment", change({ actorGrants: [] }), "not_manager"],
	] as const)("%s", (_name, input, expected) => {
		const decision = decideGrantChange(input);
		expect(decision.allowed ? "ok" : decision.reason).toBe(expected);
	});

	it("names the missing permissions", () => {
		const decision = decideGrantChange(change({ actorGrants: parentAdmin, role: customAccountRole }));
		expect(decision).toEqual({ allowed: false, reason: "exceeds_own", missing: ["apikeys.manage"] });
	});
});

describe("holdsInContext with sub-account reach", () => {
	const read = (over: Partial<Grant>): Grant => ({
		permission: "users.read",
		contextType: "account",
		contextId: PARENT,
		appliesToSubAccounts: false,
		...over,
	});
	it.each([
		["a tenant grant reaches everything", [read({ contextType: "tenant", contextId: TENANT })], childCtx, true],
		["a grant on the account itself without reach", [read({})], parentCtx, false],
		["a grant on the account itself with reach", [read({ appliesToSubAccounts: true })], parentCtx, true],
		["a grant on an ancestor with reach", [read({ appliesToSubAccounts: true })], childCtx, true],
		[
			"a grant on a descendant never reaches up",
			[read({ contextId: CHILD, appliesToSubAccounts: true })],
			parentCtx,
			false,
		],
		["a tenant grant of another tenant", [read({ contextType: "tenant", contextId: "t-2" })], parentCtx, false],
	] as const)("%s", (_name, grants, context, expected) => {
		expect(holdsInContext(grants, "users.read", context, true)).toBe(expected);
	});
});

describe("missingPermissions", () => {
	it("is sorted and distinct", () => {
		expect(missingPermissions([], ["users.write", "audit.read", "users.write"], tenantCtx)).toEqual([
			"audit.read",
			"users.write",
		]);
	});
	it("tenant admin misses nothing at tenant level; an account admin misses everything there", () => {
		expect(missingPermissions(tenantAdmin, permissionsOf("tenant_admin"), tenantCtx)).toEqual([]);
		expect(missingPermissions(parentAdmin, ["users.read"], tenantCtx)).toEqual(["users.read"]);
	});
});

describe("permissionsMissingAt (invitations and application users)", () => {
	const accountAdmin = grantsOf("account_admin", "account", PARENT, true);

	it("is empty when every permission is held at the target, through a parent account's grant too", () => {
		const child = { tenantId: TENANT, accountChain: [CHILD, PARENT] };
		expect(permissionsMissingAt(accountAdmin, permissionsOf("space_admin"), child)).toEqual([]);
	});

	it("names what is missing once, sorted, and elsewhere nothing is held", () => {
		const parent = { tenantId: TENANT, accountChain: [PARENT] };
		expect(
			permissionsMissingAt(accountAdmin, ["policy.manage", "users.read", "apikeys.manage", "policy.manage"], parent),
		).toEqual(["apikeys.manage", "policy.manage"]);
		const sibling = { tenantId: TENANT, accountChain: [SIBLING] };
		expect(permissionsMissingAt(accountAdmin, ["users.read"], sibling)).toEqual(["users.read"]);
	});

	it("never counts a key outside the catalogue as held, even by a tenant admin", () => {
		const tenant = { tenantId: TENANT, accountChain: [] };
		const admin = grantsOf("tenant_admin", "tenant", TENANT);
		expect(permissionsMissingAt(admin, ["users.read", "everything.root"], tenant)).toEqual(["everything.root"]);
	});
});

describe("decideActionOnUser (the privilege hierarchy)", () => {
	/** What a built-in role gives the target when assigned in `context`. */
	const held = (key: string, context: ResolvedContext, appliesToSubAccounts = false): ResolvedGrant[] =>
		permissionsOf(key).map((permission) => ({ permission, context, appliesToSubAccounts }));
	const userManager = grantsOf("user_manager", "tenant", TENANT);
	const parentUser = { tenantId: TENANT, accountChain: [PARENT] };
	const childUser = { tenantId: TENANT, accountChain: [CHILD, PARENT] };
	const act = (over: Partial<ActionOnUser>, target: Partial<ActionOnUser["target"]> = {}): ActionOnUser => ({
		actorGrants: tenantAdmin,
		actorUserId: ME,
		permission: "users.security",
		...over,
		target: { userId: SOMEONE, context: parentUser, grants: [], ...target },
	});
	const outcome = (input: ActionOnUser) => {
		const decision = decideActionOnUser(input);
		return decision.allowed ? "ok" : decision.reason;
	};
	const tenantAdminTarget = held("tenant_admin", tenantCtx);
	const ACTIONS: Permission[] = ["users.write", "users.delete", "users.security"];

	it.each(ACTIONS)("an account admin may not use %s on a tenant admin whose primary account is theirs", (p) => {
		expect(outcome(act({ actorGrants: parentAdmin, permission: p }, { grants: tenantAdminTarget }))).toBe(
			"target_outranks_actor",
		);
	});

	it.each(["users.write", "users.security"] as const)(
		"a user manager may not use %s on a tenant admin",
		(permission) => {
			expect(outcome(act({ actorGrants: userManager, permission }, { grants: tenantAdminTarget }))).toBe(
				"target_outranks_actor",
			);
		},
	);

	it.each(ACTIONS)("a tenant admin may use %s on another tenant admin", (permission) => {
		expect(outcome(act({ permission }, { grants: tenantAdminTarget }))).toBe("ok");
	});

	it.each([
		["an account admin on a member of their account", act({ actorGrants: parentAdmin }), "ok"],
		[
			"an account admin on a fellow account admin of the same account",
			act({ actorGrants: parentAdmin }, { grants: held("account_admin", parentCtx) }),
			"ok",
		],
		[
			"an account admin on an account admin with sub-account reach they lack",
			act({ actorGrants: parentAdmin }, { grants: held("account_admin", parentCtx, true) }),
			"target_outranks_actor",
		],
		[
			"an account admin with reach on a sub-account's admin",
			act({ actorGrants: parentAdminWide }, { context: childUser, grants: held("account_admin", childCtx) }),
			"ok",
		],
		[
			"an account admin on someone who administers a sibling account",
			act({ actorGrants: parentAdmin }, { grants: held("account_admin", siblingCtx) }),
			"target_outranks_actor",
		],
		[
			"an account admin on a space admin of a space of their account",
			act({ actorGrants: parentAdmin }, { grants: held("space_admin", spaceCtx) }),
			"ok",
		],
		[
			"a user manager on a space admin (roles.manage they lack)",
			act({ actorGrants: userManager }, { grants: held("space_admin", spaceCtx) }),
			"target_outranks_actor",
		],
		[
			"anyone may act on themself, whatever they hold elsewhere",
			act({ actorGrants: parentAdmin }, { userId: ME, grants: tenantAdminTarget }),
			"ok",
		],
		[
			"reading is not acting: a user manager reads a tenant admin",
			act({ actorGrants: userManager, permission: "users.read" }, { grants: tenantAdminTarget }),
			"ok",
		],
		["without users.read the user does not exist", act({ actorGrants: spaceAdmin }, { grants: [] }), "not_visible"],
		[
			"the permission itself comes before the hierarchy",
			act({ actorGrants: userManager, permission: "users.delete" }, { grants: tenantAdminTarget }),
			"missing_permission",
		],
		[
			"an account admin outside the target's account sees nothing",
			act({ actorGrants: parentAdmin }, { context: { tenantId: TENANT, accountChain: [SIBLING] } }),
			"not_visible",
		],
	] as const)("%s", (_name, input, expected) => {
		expect(outcome(input)).toBe(expected);
	});

	it("names what the target holds beyond the actor, sorted", () => {
		expect(decideActionOnUser(act({ actorGrants: userManager }, { grants: tenantAdminTarget }))).toEqual({
			allowed: false,
			reason: "target_outranks_actor",
			missing: ["accounts.manage", "apikeys.manage", "audit.read", "policy.manage", "roles.manage", "users.delete"],
		});
	});

	it("outrankingPermissions is the same rule for changing roles, and empty on oneself", () => {
		const target = { userId: SOMEONE, grants: tenantAdminTarget };
		expect(outrankingPermissions(ME, parentAdmin, target)).toEqual([...permissionsOf("tenant_admin")].sort());
		expect(outrankingPermissions(ME, tenantAdmin, target)).toEqual([]);
		expect(outrankingPermissions(SOMEONE, parentAdmin, target)).toEqual([]);
	});
});
