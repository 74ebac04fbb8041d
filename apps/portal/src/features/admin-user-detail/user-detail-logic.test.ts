import { ZAdminUpdateUserInput } from "@tessera/core/users/user-admin.schema";
import { describe, expect, it } from "vitest";
import type { AssignableGrants, DetailUser, UserDetail } from "./hooks/use-user-detail";
import {
	type ActionRefusal,
	assignableRoles,
	buildAdminUserUpdate,
	buildAssignInput,
	contextChoicesFor,
	displayNameOfUser,
	eventActor,
	shownActions,
	toggleRequiredAction,
	userToProfileValues,
} from "./user-detail-logic";

const NOW = new Date("2026-05-01T10:00:00Z");

function user(overrides: Partial<DetailUser> = {}): DetailUser {
	return {
		id: "8d5c2b1e-4f7a-4c3b-9a1d-2e6f8b0c1d2e",
		tenantId: "0b7e4c1a-2d3f-4e5a-8b6c-7d8e9f0a1b2c",
		userType: "human",
		state: "active",
		email: "ada@example.com",
		emailVerified: true,
		phone: null,
		phoneVerified: false,
		firstName: "Ada",
		lastName: "Lovelace",
		username: null,
		language: "en",
		timeZone: null,
		primaryAccountId: null,
		plannedPurgeAt: null,
		twoFactorEnabled: false,
		twoFactorType: null,
		version: 3,
		createdAt: NOW,
		updatedAt: NOW,
		lastSignInAt: null,
		passwordChangedAt: null,
		...overrides,
	};
}

const NOTHING_ALLOWED: UserDetail["actions"] = {
	editProfile: { allowed: false, reason: "missing_permission" },
	deactivate: { allowed: false, reason: "missing_permission" },
	reactivate: { allowed: false, reason: "missing_permission" },
	delete: { allowed: false, reason: "missing_permission" },
	restore: { allowed: false, reason: "missing_permission" },
	forcePasswordChange: { allowed: false, reason: "missing_permission" },
	setRequiredActions: { allowed: false, reason: "missing_permission" },
	resetMfa: { allowed: false, reason: "missing_permission" },
	revokeSessions: { allowed: false, reason: "missing_permission" },
	unlock: { allowed: false, reason: "missing_permission" },
	sendPasswordReset: { allowed: false, reason: "missing_permission" },
	changeRoles: { allowed: false, reason: "missing_permission" },
};

const ALLOWED = { allowed: true, reason: null } as const;
const refused = (reason: ActionRefusal) => ({ allowed: false, reason });

describe("which actions are shown", () => {
	it("shows what the server allows, in the card's order", () => {
		const actions = {
			...NOTHING_ALLOWED,
			unlock: ALLOWED,
			deactivate: ALLOWED,
			delete: ALLOWED,
		};
		expect(shownActions(actions)).toEqual([
			{ action: "deactivate", refusal: null },
			{ action: "delete", refusal: null },
			{ action: "unlock", refusal: null },
		]);
	});

	it("keeps an outranked or last-administrator refusal as a disabled button, and hides the rest", () => {
		const actions = {
			...NOTHING_ALLOWED,
			deactivate: refused("last_tenant_admin"),
			resetMfa: refused("target_outranks_actor"),
			reactivate: refused("not_applicable_in_state"),
			unlock: refused("nothing_to_do"),
		};
		expect(shownActions(actions)).toEqual([
			{ action: "deactivate", refusal: "last_tenant_admin" },
			{ action: "resetMfa", refusal: "target_outranks_actor" },
		]);
	});
});

describe("required actions", () => {
	it("toggles one action, keeping a stable order without duplicates", () => {
		expect(toggleRequiredAction(["enroll_mfa"], "change_password", true)).toEqual(["change_password", "enroll_mfa"]);
		expect(toggleRequiredAction(["change_password"], "change_password", true)).toEqual(["change_password"]);
		expect(toggleRequiredAction(["change_password", "verify_email"], "change_password", false)).toEqual([
			"verify_email",
		]);
	});
});

describe("profile update", () => {
	it("sends only changed fields with the version it read, trimmed, empty as null", () => {
		const base = user({ username: "ada" });
		const values = { ...userToProfileValues(base), firstName: "  Augusta ", username: "" };
		expect(buildAdminUserUpdate(base, values)).toEqual({
			userId: base.id,
			version: 3,
			firstName: "Augusta",
			username: null,
		});
	});

	it("moves the user to another primary account, or to none", () => {
		const account = "5a1d9e2c-3b4f-4a6e-8c7d-9e0f1a2b3c4d";
		const base = user({ primaryAccountId: account });
		const moved = "7c2e8f1a-4b5d-4e6f-9a0b-1c2d3e4f5a6b";
		expect(buildAdminUserUpdate(base, { ...userToProfileValues(base), primaryAccountId: moved })).toEqual({
			userId: base.id,
			version: 3,
			primaryAccountId: moved,
		});
		expect(buildAdminUserUpdate(base, { ...userToProfileValues(base), primaryAccountId: "" })).toEqual({
			userId: base.id,
			version: 3,
			primaryAccountId: null,
		});
	});

	it("sends nothing when nothing changed", () => {
		const base = user();
		expect(buildAdminUserUpdate(base, userToProfileValues(base))).toBeNull();
	});

	it("builds what core's schema accepts, and points at the field it refuses", () => {
		const base = user();
		const values = { ...userToProfileValues(base), username: "ada.l", timeZone: "Europe/Amsterdam" };
		expect(ZAdminUpdateUserInput.safeParse(buildAdminUserUpdate(base, values)).success).toBe(true);
		const parsed = ZAdminUpdateUserInput.safeParse(buildAdminUserUpdate(base, { ...values, username: "-ada" }));
		expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([["username"]]);
	});
});

describe("display helpers", () => {
	it("names a user by name, else username, else email", () => {
		expect(displayNameOfUser(user())).toBe("Ada Lovelace");
		expect(displayNameOfUser(user({ firstName: null, lastName: null, username: "ada" }))).toBe("ada");
		expect(displayNameOfUser(user({ firstName: null, lastName: " ", username: null }))).toBe("ada@example.com");
	});

	it("names the actor of an event: you, by name, else generically", () => {
		const viewer = "viewer";
		const target = "target";
		expect(eventActor({ actorUserId: null, actorName: null }, viewer, target)).toEqual({ kind: "system" });
		expect(eventActor({ actorUserId: viewer, actorName: "Grace Admin" }, viewer, target)).toEqual({ kind: "you" });
		expect(eventActor({ actorUserId: "x", actorName: "Grace Admin" }, viewer, target)).toEqual({
			kind: "named",
			name: "Grace Admin",
		});
		expect(eventActor({ actorUserId: target, actorName: null }, viewer, target)).toEqual({ kind: "user" });
		expect(eventActor({ actorUserId: "x", actorName: null }, viewer, target)).toEqual({ kind: "other" });
	});
});

describe("role assignment contexts", () => {
	const grant = (roleId: string, contextType: "tenant" | "account" | "space", contextId: string, allowed = true) => ({
		roleId,
		contextType,
		contextId,
		allowed,
		reason: allowed ? null : ("exceeds_own" as const),
		withSubAccounts: contextType === "account",
	});
	const grantable: AssignableGrants = {
		contexts: {
			tenant: { id: "t1", name: "Acme" },
			accounts: [{ id: "a1", name: "Sales", parentAccountId: null }],
			spaces: [{ id: "s1", name: "Lab", accountId: "a1", accountName: "Sales" }],
		},
		grants: [
			grant("tenant-role", "tenant", "t1"),
			grant("account-role", "account", "a1"),
			grant("space-role", "space", "s1"),
			grant("too-strong", "tenant", "t1", false),
		],
	};

	it("offers where the server allows the role, named, and nothing it refused", () => {
		expect(contextChoicesFor({ id: "tenant-role" }, grantable)).toEqual([
			{ value: "t1", label: "Acme", withSubAccounts: false },
		]);
		expect(contextChoicesFor({ id: "account-role" }, grantable)).toEqual([
			{ value: "a1", label: "Sales", withSubAccounts: true },
		]);
		expect(contextChoicesFor({ id: "space-role" }, grantable)).toEqual([
			{ value: "s1", label: "Sales / Lab", withSubAccounts: false },
		]);
		expect(contextChoicesFor({ id: "too-strong" }, grantable)).toEqual([]);
		expect(contextChoicesFor(undefined, grantable)).toEqual([]);
	});

	it("offers only roles the admin may assign somewhere", () => {
		const roles = ["tenant-role", "too-strong", "space-role", "unknown"].map((id) => ({ id }));
		expect(assignableRoles(roles, grantable).map((role) => role.id)).toEqual(["tenant-role", "space-role"]);
		expect(assignableRoles(roles, undefined)).toEqual([]);
	});

	it("builds the input the API expects for each kind", () => {
		expect(buildAssignInput("u", { id: "r", contextType: "tenant" }, "t1", true)).toEqual({
			userId: "u",
			roleId: "r",
			context: { type: "tenant" },
		});
		expect(buildAssignInput("u", { id: "r", contextType: "account" }, "a1", true)).toEqual({
			userId: "u",
			roleId: "r",
			context: { type: "account", accountId: "a1", appliesToSubAccounts: true },
		});
		expect(buildAssignInput("u", { id: "r", contextType: "space" }, "s1", true)).toEqual({
			userId: "u",
			roleId: "r",
			context: { type: "space", spaceId: "s1" },
		});
	});
});
