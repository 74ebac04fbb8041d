/**
 * Pure helpers of the admin user page: which of the actions the server allows to show, what a
 * profile save sends, who an audit event names, and which contexts a role can be assigned in.
 * What the admin may do to the user is the server's answer (`users.detail.actions`).
 */

import { canonicalTimeZone } from "../../lib/dates";
import type {
	AdminUpdateUserInput,
	AssignableGrants,
	DetailUser,
	RequiredAction,
	RoleSummary,
	UserDetail,
} from "./hooks/use-user-detail";

/** The lifecycle and security actions the actions card offers, in the order it shows them. */
export const USER_ACTIONS = [
	"deactivate",
	"reactivate",
	"delete",
	"restore",
	"forcePasswordChange",
	"sendPasswordReset",
	"resetMfa",
	"revokeSessions",
	"unlock",
] as const satisfies readonly (keyof UserDetail["actions"])[];
export type UserAction = (typeof USER_ACTIONS)[number];
export type ActionRefusal = NonNullable<UserDetail["actions"][UserAction]["reason"]>;

/**
 * Refusals worth a disabled button with the reason: the admin could otherwise expect the action
 * (the user outranks them; the user is the last tenant administrator). Missing permissions, the
 * wrong state or nothing to do hide the action instead.
 */
const EXPLAINED = ["target_outranks_actor", "last_tenant_admin"] as const satisfies readonly ActionRefusal[];
export type ExplainedRefusal = (typeof EXPLAINED)[number];

function isExplained(reason: ActionRefusal | null): reason is ExplainedRefusal {
	return (EXPLAINED as readonly (ActionRefusal | null)[]).includes(reason);
}

export interface ShownAction {
	action: UserAction;
	/** Null when the action may be taken; otherwise why not (the button is disabled). */
	refusal: ExplainedRefusal | null;
}

/** The card's buttons, as the server decided them (`users.detail.actions`); nothing decided here. */
export function shownActions(actions: UserDetail["actions"]): ShownAction[] {
	return USER_ACTIONS.flatMap((action): ShownAction[] => {
		const { allowed, reason } = actions[action];
		if (allowed) return [{ action, refusal: null }];
		return isExplained(reason) ? [{ action, refusal: reason }] : [];
	});
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
		// A legacy name (Asia/Calcutta) shows, and is saved, as the zone's current name.
		timeZone: user.timeZone ? canonicalTimeZone(user.timeZone) : "",
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
	/** Whether the role may also be given with reach over this account's sub-accounts. */
	withSubAccounts: boolean;
}

/**
 * Where a role can be assigned: the contexts the server says the admin may grant it in
 * (`roles.grantable`), named. Spaces are named with their account, since space names repeat
 * across accounts.
 */
export function contextChoicesFor(
	role: Pick<RoleSummary, "id"> | undefined,
	grantable: AssignableGrants | undefined,
): ContextChoice[] {
	if (!role || !grantable) {
		return [];
	}
	const { contexts } = grantable;
	const labelOf = (type: string, id: string) => {
		switch (type) {
			case "tenant":
				return contexts.tenant?.id === id ? contexts.tenant.name : undefined;
			case "account":
				return contexts.accounts.find((account) => account.id === id)?.name;
			default: {
				const space = contexts.spaces.find((candidate) => candidate.id === id);
				return space ? `${space.accountName} / ${space.name}` : undefined;
			}
		}
	};
	return grantable.grants.flatMap((grant) => {
		const label = grant.allowed && grant.roleId === role.id ? labelOf(grant.contextType, grant.contextId) : undefined;
		return label === undefined ? [] : [{ value: grant.contextId, label, withSubAccounts: grant.withSubAccounts }];
	});
}

/** The roles the admin may assign somewhere, in the catalogue's order. */
export function assignableRoles<R extends Pick<RoleSummary, "id">>(
	roles: readonly R[],
	grantable: AssignableGrants | undefined,
): R[] {
	const allowed = new Set(grantable?.grants.filter((grant) => grant.allowed).map((grant) => grant.roleId));
	return roles.filter((role) => allowed.has(role.id));
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
