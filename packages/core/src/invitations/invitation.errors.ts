import { DomainError } from "../shared/errors";

/**
 * The invitation does not exist, is outside the caller's reach, or (for a token) was already
 * used, revoked or has expired. One answer for all of these, so a token or an id reveals nothing.
 */
export class InvitationNotFoundError extends DomainError<"INVITATION.NOT_FOUND"> {
	readonly code = "INVITATION.NOT_FOUND";
	constructor() {
		super("This invitation does not exist, was already used, was revoked or has expired");
	}
}

/** Resend or revoke of an invitation that was already accepted: the person is a user now. */
export class InvitationAlreadyAcceptedError extends DomainError<"INVITATION.ALREADY_ACCEPTED"> {
	readonly code = "INVITATION.ALREADY_ACCEPTED";
	constructor() {
		super("This invitation was already accepted; manage the user instead");
	}
}

/**
 * The inviter tried to attach a role that carries a permission they do not hold themselves in
 * that context (SECURITY L08, Z03: nobody hands out more than they have).
 */
export class RoleExceedsInviterError extends DomainError<"INVITATION.ROLE_EXCEEDS_INVITER"> {
	readonly code = "INVITATION.ROLE_EXCEEDS_INVITER";
	constructor(readonly missingPermissions: readonly string[]) {
		super(
			`You can only give a role whose permissions you hold there yourself (missing: ${missingPermissions.join(", ")})`,
		);
	}
}

export type InvitationErrorCode = (
	| InvitationNotFoundError
	| InvitationAlreadyAcceptedError
	| RoleExceedsInviterError
)["code"];
