/**
 * Pure decisions of the admin user page: which actions are legal for the user's state and the
 * admin's permissions, what a profile save sends, who an audit event names, and which
 * contexts a role can be assigned in. The API enforces all of it again; this only decides what
 * to offer.
 */
import { canTransition } from "@tessera/core/users/user-state";
import { PERMISSIONS, type PortalPermission } from "../auth/permissions";
import type {
	AdminUpdateUserInput,
	AssignableContexts,
	DetailUser,
	RequiredAction,
	RoleSummary,
	UserDetail,
} from "./hooks/use-user-detail";

export const USER_ACTIONS = [
	"deactivate",
	"reactivate",
	"delete",
	"restore",
	"forcePasswordChange",
	"resetMfa",
	"revokeSessions",
	"unlock",
] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/** The permission each action needs on the user (checked again by the API in the user's context). */
export const ACTION_PERMISSION: Record<UserAction, PortalPermission> = {
	deactivate: PERMISSIONS.usersWrite,
	reactivate: PERMISSIONS.usersWrite,
	delete: PERMISSIONS.usersDelete,
	restore: PERMISSIONS.usersDelete,
	forcePasswordChange: PERMISSIONS.usersSecurity,
	resetMfa: PERMISSIONS.usersSecurity,
	revokeSessions: PERMISSIONS.usersSecurity,
	unlock: PERMISSIONS.usersSecurity,
};

/** States in which the user still exists as a person who can sign in again. */
function isLive(state: DetailUser["state"]): boolean {
	return state === "create" || state === "active" || state === "inactive";
}

/** True when the action makes sense for the user as they are now (whatever the admin holds). */
export function isActionLegal(action: UserAction, detail: UserDetail): boolean {
	const { state } = detail.user;
	switch (action) {
		// The lifecycle itself is core's (USER_TRANSITIONS); each action is one of its moves.
		case "deactivate":
			return state === "active" && canTransition(state, "inactive");
		case "reactivate":
			return state === "inactive" && canTransition(state, "active");
		case "delete":
			return canTransition(state, "deleting");
		case "restore":
			return state === "deleting" && canTransition(state, "inactive");
		case "forcePasswordChange":
			return isLive(state) && detail.password.set && !detail.requiredActions.includes("change_password");
		case "resetMfa":
			return isLive(state) && (detail.mfa.enabled || detail.passkeys.length > 0);
		case "revokeSessions":
			return detail.sessions.length > 0;
		case "unlock":
			return detail.lockout.lockedUntil !== null || detail.lockout.failedAttempts > 0;
		default:
			return false;
	}
}

/** The actions to show: legal now, and the admin holds the permission somewhere. */
export function availableActions(detail: UserDetail, permissions: readonly string[]): UserAction[] {
	return USER_ACTIONS.filter(
		(action) => isActionLegal(action, detail) && permissions.includes(ACTION_PERMISSION[action]),
	);
}

/** Required actions an administrator can set, in the order they are shown. */
export const REQUIRED_ACTION_CHOICES = [
	"change_password",
	"verify_email",
	"enroll_mfa",
	"register_passkey",
] as const satisfies readonly RequiredAction[];

/** The new list when one required action is switched on or off (sorted, no duplicates). */
export function toggleRequiredAction(
	current: readonly RequiredAction[],
	action: RequiredAction,
	on: boolean,
): RequiredAction[] {
	const next = new Set(current);
	if (on) {
		next.add(action);
	} else {
		next.delete(action);
	}
	return REQUIRED_ACTION_CHOICES.filter((choice) => next.has(choice));
}

export function sameRequiredActions(a: readonly RequiredAction[], b: readonly RequiredAction[]): boolean {
	return a.length === b.length && a.every((action) => b.includes(action));
}

// ---------------------------------------------------------------------------------------------
// Profile form

/** The editable fields as the form holds them; "" means "not set". */
export interface AdminProfileValues {
	firstName: string;
	lastName: string;
	username: string;
	language: string;
	timeZone: string;
	/** An account id; "" for none. */
	primaryAccountId: string;
}

export const ADMIN_PROFILE_FIELDS = [
	"firstName",
	"lastName",
	"username",
	"language",
	"timeZone",
	"primaryAccountId",
] as const;
export type AdminProfileField = (typeof ADMIN_PROFILE_FIELDS)[number];

export function isAdminProfileField(value: string): value is AdminProfileField {
	return (ADMIN_PROFILE_FIELDS as readonly string[]).includes(value);
}

export function userToProfileValues(user: DetailUser): AdminProfileValues {
	return {
		firstName: user.firstName ?? "",
		lastName: user.lastName ?? "",
		username: user.username ?? "",
		language: user.language ?? "",
		timeZone: user.timeZone ?? "",
		primaryAccountId: user.primaryAccountId ?? "",
	};
}

function textOrNull(value: string): string | null {
	const trimmed = value.trim();
	return trimmed === "" ? null : trimmed;
}

/**
 * What a save sends: the version the form was loaded from and only the fields that differ from
 * that user, so a save never rewrites what the admin did not touch. Null when nothing changed.
 */
export function buildAdminUserUpdate(base: DetailUser, values: AdminProfileValues): AdminUpdateUserInput | null {
	const update: AdminUpdateUserInput = { userId: base.id, version: base.version };
	let changed = false;
	const fields = [
		["firstName", base.firstName],
		["lastName", base.lastName],
		["username", base.username],
		["language", base.language],
		["timeZone", base.timeZone],
		["primaryAccountId", base.primaryAccountId],
	] as const;
	for (const [field, before] of fields) {
		const after = textOrNull(values[field]);
		if (after !== before) {
			update[field] = after;
			changed = true;
		}
	}
	return changed ? update : null;
}

// ---------------------------------------------------------------------------------------------
// Display helpers

/** First and last name, else username, else email, else null. */
export function displayNameOfUser(user: Pick<DetailUser, "firstName" | "lastName" | "username" | "email">) {
	const fullName = [user.firstName, user.lastName]
		.map((part) => part?.trim())
		.filter(Boolean)
		.join(" ");
	return fullName || user.username || user.email || null;
}

type AuditEvent = UserDetail["recentEvents"][number];

/** Who did an audited thing, as the "By" column names them. */
export type EventActor =
	| { kind: "system" }
	| { kind: "you" }
	| { kind: "named"; name: string }
	| { kind: "user" }
	| { kind: "other" };

/**
 * The viewer's own events read "You"; anyone else by their current name (or email) from the
 * API; when that is gone (a purged actor), the generic "the user" or "an administrator".
 */
export function eventActor(
	event: Pick<AuditEvent, "actorUserId" | "actorName">,
	viewerId: string,
	userId: string,
): EventActor {
	if (event.actorUserId === null) {
		return { kind: "system" };
	}
	if (event.actorUserId === viewerId) {
		return { kind: "you" };
	}
	if (event.actorName) {
		return { kind: "named", name: event.actorName };
	}
	return event.actorUserId === userId ? { kind: "user" } : { kind: "other" };
}

// ---------------------------------------------------------------------------------------------
// Role assignment

export interface ContextChoice {
	/** "tenant", or the account or space id. */
	value: string;
	label: string;
}

/**
 * Where a role can be assigned: a role's context type decides the kind (tenant, account or
 * space), and only contexts the admin may assign in are offered. Spaces are named with their
 * account, since space names repeat across accounts.
 */
export function contextChoicesFor(
	role: Pick<RoleSummary, "contextType"> | undefined,
	contexts: AssignableContexts | undefined,
): ContextChoice[] {
	if (!role || !contexts) {
		return [];
	}
	switch (role.contextType) {
		case "tenant":
			return contexts.tenant ? [{ value: contexts.tenant.id, label: contexts.tenant.name }] : [];
		case "account":
			return contexts.accounts.map((account) => ({ value: account.id, label: account.name }));
		case "space":
			return contexts.spaces.map((space) => ({ value: space.id, label: `${space.accountName} / ${space.name}` }));
		default:
			return [];
	}
}

/** The assign input for a role, context and sub-account choice. */
export function buildAssignInput(
	userId: string,
	role: Pick<RoleSummary, "id" | "contextType">,
	contextId: string,
	appliesToSubAccounts: boolean,
) {
	switch (role.contextType) {
		case "tenant":
			return { userId, roleId: role.id, context: { type: "tenant" as const } };
		case "account":
			return {
				userId,
				roleId: role.id,
				context: { type: "account" as const, accountId: contextId, appliesToSubAccounts },
			};
		default:
			return { userId, roleId: role.id, context: { type: "space" as const, spaceId: contextId } };
	}
}
