import { DomainError } from "../shared/errors";

/**
 * Every sign-in failure looks the same to the caller (unknown tenant, unknown email, wrong
 * password, inactive or deleted user), so the answer cannot be used to enumerate accounts.
 */
export class InvalidCredentialsError extends DomainError<"AUTH.INVALID_CREDENTIALS"> {
	readonly code = "AUTH.INVALID_CREDENTIALS";
	constructor() {
		super("The email address or password is incorrect");
	}
}

/** No valid session: not signed in, signed out, expired, or the user can no longer act. */
export class UnauthenticatedError extends DomainError<"AUTH.UNAUTHENTICATED"> {
	readonly code = "AUTH.UNAUTHENTICATED";
	constructor() {
		super("Please sign in");
	}
}

export class RateLimitedError extends DomainError<"AUTH.RATE_LIMITED"> {
	readonly code = "AUTH.RATE_LIMITED";
	constructor(readonly retryAfterSeconds: number) {
		super(`Too many attempts; try again in ${retryAfterSeconds} seconds`);
	}
}

export type AuthErrorCode = (InvalidCredentialsError | UnauthenticatedError | RateLimitedError)["code"];
