import { DomainError } from "../shared/errors";

/** The role does not exist in the caller's tenant (another tenant's role looks the same). */
export class RoleNotFoundError extends DomainError<"ROLE.NOT_FOUND"> {
	readonly code = "ROLE.NOT_FOUND";
	constructor() {
		super("Role not found");
	}
}

/** The account or space does not exist in the caller's tenant. */
export class RoleContextNotFoundError extends DomainError<"ROLE.CONTEXT_NOT_FOUND"> {
	readonly code = "ROLE.CONTEXT_NOT_FOUND";
	constructor(readonly contextType: "account" | "space") {
		super(contextType === "account" ? "Account not found" : "Space not found");
	}
}

/** The role assignment does not exist in the caller's tenant. */
export class RoleAssignmentNotFoundError extends DomainError<"ROLE.ASSIGNMENT_NOT_FOUND"> {
	readonly code = "ROLE.ASSIGNMENT_NOT_FOUND";
	constructor() {
		super("Role assignment not found");
	}
}

export class RoleKeyTakenError extends DomainError<"ROLE.KEY_TAKEN"> {
	readonly code = "ROLE.KEY_TAKEN";
	constructor(readonly key: string) {
		super(`A role with the key "${key}" already exists`);
	}
}

/** Built-in roles are part of the product: they cannot be edited or deleted, only assigned. */
export class BuiltinRoleReadOnlyError extends DomainError<"ROLE.BUILTIN_READ_ONLY"> {
	readonly code = "ROLE.BUILTIN_READ_ONLY";
	constructor(readonly key: string) {
		super(`"${key}" is a built-in role and cannot be changed or deleted`);
	}
}

/** The role changed since the caller read it; nothing was written. */
export class RoleRevisionConflictError extends DomainError<"ROLE.REVISION_CONFLICT"> {
	readonly code = "ROLE.REVISION_CONFLICT";
	constructor(readonly currentRevision: string) {
		super("This role was changed elsewhere; reload and try again");
	}
}

/** The role is still assigned; deleting it needs `force`, which removes the assignments too. */
export class RoleInUseError extends DomainError<"ROLE.IN_USE"> {
	readonly code = "ROLE.IN_USE";
	constructor(readonly assignmentCount: number) {
		super(
			`This role is assigned ${assignmentCount} time${assignmentCount === 1 ? "" : "s"}; remove the assignments or delete with force`,
		);
	}
}

/** Open invitations would hand this role out on acceptance; they must be revoked first. */
export class RoleHasPendingInvitationsError extends DomainError<"ROLE.PENDING_INVITATIONS"> {
	readonly code = "ROLE.PENDING_INVITATIONS";
	constructor(readonly invitationCount: number) {
		super(
			`${invitationCount} open invitation${invitationCount === 1 ? " grants" : "s grant"} this role; revoke ${invitationCount === 1 ? "it" : "them"} before deleting the role`,
		);
	}
}

/** A role is assigned only in a context of its own type (a space role only in a space, …). */
export class RoleContextTypeMismatchError extends DomainError<"ROLE.CONTEXT_TYPE_MISMATCH"> {
	readonly code = "ROLE.CONTEXT_TYPE_MISMATCH";
	constructor(
		readonly roleContextType: string,
		readonly contextType: string,
	) {
		const place = (type: string) =>
			type === "tenant" ? "the tenant" : type === "account" ? "an account" : `a ${type}`;
		super(
			`This is ${roleContextType === "account" ? "an" : "a"} ${roleContextType} role: it can only be assigned in ${place(roleContextType)}, not in ${place(contextType)}`,
		);
	}
}

export class SubAccountsOutsideAccountError extends DomainError<"ROLE.SUB_ACCOUNTS_OUTSIDE_ACCOUNT"> {
	readonly code = "ROLE.SUB_ACCOUNTS_OUTSIDE_ACCOUNT";
	constructor() {
		super("Only an assignment in an account can apply to sub-accounts");
	}
}

/** The role (or the edit) contains permissions the actor does not hold in that context (Z03). */
export class GrantExceedsOwnPermissionsError extends DomainError<"ROLE.GRANT_EXCEEDS_OWN"> {
	readonly code = "ROLE.GRANT_EXCEEDS_OWN";
	constructor(readonly missing: readonly string[]) {
		super(`You cannot grant or manage permissions you do not hold here: ${missing.join(", ")}`);
	}
}

/** The actor tried to give themselves a permission they do not hold (Z03). */
export class SelfEscalationError extends DomainError<"ROLE.SELF_ESCALATION"> {
	readonly code = "ROLE.SELF_ESCALATION";
	constructor(readonly missing: readonly string[]) {
		super(`You cannot give yourself permissions you do not already hold here: ${missing.join(", ")}`);
	}
}

export class RoleAlreadyAssignedError extends DomainError<"ROLE.ALREADY_ASSIGNED"> {
	readonly code = "ROLE.ALREADY_ASSIGNED";
	constructor() {
		super("The user already has this role in this context");
	}
}

/** Removing this assignment would leave the tenant without an active tenant administrator. */
export class LastTenantAdminError extends DomainError<"ROLE.LAST_TENANT_ADMIN"> {
	readonly code = "ROLE.LAST_TENANT_ADMIN";
	constructor() {
		super("This is the last active tenant administrator; assign another one before removing this role");
	}
}

/** Roles are not handed to users who are being deleted or are deleted. */
export class AssigneeDeletedError extends DomainError<"ROLE.ASSIGNEE_DELETED"> {
	readonly code = "ROLE.ASSIGNEE_DELETED";
	constructor() {
		super("This user is being deleted or is deleted; roles cannot be assigned to them");
	}
}

export type RoleAdminErrorCode = (
	| RoleNotFoundError
	| RoleContextNotFoundError
	| RoleAssignmentNotFoundError
	| RoleKeyTakenError
	| BuiltinRoleReadOnlyError
	| RoleRevisionConflictError
	| RoleInUseError
	| RoleHasPendingInvitationsError
	| RoleContextTypeMismatchError
	| SubAccountsOutsideAccountError
	| GrantExceedsOwnPermissionsError
	| SelfEscalationError
	| RoleAlreadyAssignedError
	| LastTenantAdminError
	| AssigneeDeletedError
)["code"];
