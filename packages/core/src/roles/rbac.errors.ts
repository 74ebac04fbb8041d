import { DomainError } from "../shared/errors";

/** The caller is known but not allowed to do this here. */
export class ForbiddenError extends DomainError<"AUTHZ.FORBIDDEN"> {
	readonly code = "AUTHZ.FORBIDDEN";
	constructor(readonly permission: string) {
		super(`You do not have permission to do this (${permission})`);
	}
}

/**
 * The user acted on holds permissions the caller does not hold where they hold them: the caller
 * may not change their account at all (the privilege hierarchy, `decideActionOnUser`).
 */
export class TargetOutranksActorError extends DomainError<"AUTHZ.TARGET_OUTRANKS_ACTOR"> {
	readonly code = "AUTHZ.TARGET_OUTRANKS_ACTOR";
	constructor(readonly missing: readonly string[]) {
		super("This user holds permissions you do not have, so you cannot change their account.");
	}
}

export type RbacErrorCode = (ForbiddenError | TargetOutranksActorError)["code"];
