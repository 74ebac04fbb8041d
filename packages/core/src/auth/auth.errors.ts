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

/** The sign-in step's token is missing, expired, used up or at another step. Start again. */
export class LoginFlowExpiredError extends DomainError<"AUTH.LOGIN_FLOW_EXPIRED"> {
	readonly code = "AUTH.LOGIN_FLOW_EXPIRED";
	constructor() {
		super("This sign-in has expired. Please sign in again.");
	}
}

/** A sensitive change needs a fresh proof of identity (SECURITY S09). */
export class ReauthRequiredError extends DomainError<"AUTH.REAUTH_REQUIRED"> {
	readonly code = "AUTH.REAUTH_REQUIRED";
	constructor() {
		super("Please confirm it is you before making this change");
	}
}

/** The session may only complete its required actions (enrol MFA, verify email…) for now. */
export class RequiredActionsPendingError extends DomainError<"AUTH.REQUIRED_ACTIONS_PENDING"> {
	readonly code = "AUTH.REQUIRED_ACTIONS_PENDING";
	constructor(readonly requiredActions: readonly string[]) {
		super("Please complete the pending steps for your account first");
	}
}

/** The current password given for a change or re-authentication is wrong. */
export class WrongPasswordError extends DomainError<"AUTH.WRONG_PASSWORD"> {
	readonly code = "AUTH.WRONG_PASSWORD";
	constructor() {
		super("The current password is not correct");
	}
}

/** The new password is one of the recent ones (PCI DSS 8.3.7). */
export class PasswordReusedError extends DomainError<"AUTH.PASSWORD_REUSED"> {
	readonly code = "AUTH.PASSWORD_REUSED";
	constructor(readonly historyCount: number) {
		super(`Choose a password you have not used for your last ${historyCount} passwords`);
	}
}

/**
 * A password reset link that does not work: unknown, already used, replaced by a newer one,
 * voided by a password or email change, or expired. One answer for all, like invitations.
 */
export class PasswordResetLinkInvalidError extends DomainError<"AUTH.PASSWORD_RESET_INVALID"> {
	readonly code = "AUTH.PASSWORD_RESET_INVALID";
	constructor() {
		super("This password reset link has expired or was already used. Please ask for a new one.");
	}
}

/** An administrator asked to send a reset link to a user who cannot receive or use one. */
export class PasswordResetUnavailableError extends DomainError<"AUTH.PASSWORD_RESET_UNAVAILABLE"> {
	readonly code = "AUTH.PASSWORD_RESET_UNAVAILABLE";
	constructor() {
		super("A reset link can only be sent to an active user with an email address");
	}
}

export type AuthErrorCode = (
	| InvalidCredentialsError
	| UnauthenticatedError
	| RateLimitedError
	| LoginFlowExpiredError
	| ReauthRequiredError
	| RequiredActionsPendingError
	| WrongPasswordError
	| PasswordReusedError
	| PasswordResetLinkInvalidError
	| PasswordResetUnavailableError
)["code"];
