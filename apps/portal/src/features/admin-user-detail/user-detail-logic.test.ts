import { describe, expect, it } from "vitest";
import type { AssignableContexts, DetailUser, UserDetail } from "./hooks/use-user-detail";
import {
	availableActions,
	buildAdminUserUpdate,
	buildAssignInput,
	contextChoicesFor,
	displayNameOfUser,
	eventActor,
	isActionLegal,
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

function detail(overrides: Partial<UserDetail> = {}, userOverrides: Partial<DetailUser> = {}): UserDetail {
	return {
		user: user(userOverrides),
		primaryAccount: null,
		requiredActions: [],
		password: { set: true, changedAt: NOW, ageDays: 0, expiresAt: null },
		lockout: { failedAttempts: 0, lockedUntil: null },
		mfa: { enabled: false, preferred: null, methods: [], recoveryCodesRemaining: 0 },
		passkeys: [],
		sessions: [],
		roles: [],
		recentEvents: [],
		...overrides,
	};
}

const ALL = ["users.read", "users.write", "users.delete", "users.security"];

describe("which actions are offered", () => {
	it("offers deactivate and delete for an active user, reactivate and delete for an inactive one", () => {
		expect(availableActions(detail(), ALL)).toEqual(["deactivate", "delete", "forcePasswordChange"]);
		expect(availableActions(detail({}, { state: "inactive" }), ALL)).toEqual([
			"reactivate",
			"delete",
			"forcePasswordChange",
		]);
	});

	it("offers only restore while deletion is pending, and nothing once deleted", () => {
		const deleting = detail({}, { state: "deleting", plannedPurgeAt: NOW });
		expect(availableActions(deleting, ALL)).toEqual(["restore"]);
		expect(availableActions(detail({}, { state: "deleted" }), ALL)).toEqual([]);
	});

	it("offers security actions only when there is something to act on", () => {
		const busy = detail({
			mfa: { enabled: true, preferred: "totp", methods: ["totp"], recoveryCodesRemaining: 5 },
			sessions: [
				{
					id: "s",
					createdAt: NOW,
					lastActiveAt: NOW,
					ip: null,
					userAgent: null,
					browser: null,
					os: null,
					device: null,
					amr: ["pwd"],
				},
			],
			lockout: { failedAttempts: 3, lockedUntil: null },
			requiredActions: ["change_password"],
		});
		expect(availableActions(busy, ALL)).toEqual(["deactivate", "delete", "resetMfa", "revokeSessions", "unlock"]);
		expect(isActionLegal("forcePasswordChange", detail({ password: { ...detail().password, set: false } }))).toBe(
			false,
		);
	});

	it("hides actions whose permission the admin lacks", () => {
		expect(availableActions(detail(), ["users.read"])).toEqual([]);
		expect(availableActions(detail(), ["users.read", "users.write"])).toEqual(["deactivate"]);
		expect(availableActions(detail(), ["users.read", "users.delete"])).toEqual(["delete"]);
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
	const contexts: AssignableContexts = {
		tenant: { id: "t1", name: "Acme" },
		accounts: [{ id: "a1", name: "Sales", parentAccountId: null }],
		spaces: [{ id: "s1", name: "Lab", accountId: "a1", accountName: "Sales" }],
	};

	it("follows the role's context type", () => {
		expect(contextChoicesFor({ contextType: "tenant" }, contexts)).toEqual([{ value: "t1", label: "Acme" }]);
		expect(contextChoicesFor({ contextType: "account" }, contexts)).toEqual([{ value: "a1", label: "Sales" }]);
		expect(contextChoicesFor({ contextType: "space" }, contexts)).toEqual([{ value: "s1", label: "Sales / Lab" }]);
		expect(contextChoicesFor({ contextType: "tenant" }, { ...contexts, tenant: null })).toEqual([]);
		expect(contextChoicesFor(undefined, contexts)).toEqual([]);
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
