import { DomainError } from "../shared/errors";

/** The caller is known but not allowed to do this here. */
export class ForbiddenError extends DomainError<"AUTHZ.FORBIDDEN"> {
	readonly code = "AUTHZ.FORBIDDEN";
	constructor(readonly permission: string) {
		super(`You do not have permission to do this (${permission})`);
	}
}

export type RbacErrorCode = ForbiddenError["code"];
