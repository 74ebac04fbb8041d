import { DomainError } from "../shared/errors";

/** A code (TOTP, SMS, email, recovery) was wrong, expired, already used or replayed. One answer for all. */
export class InvalidCodeError extends DomainError<"MFA.INVALID_CODE"> {
	readonly code = "MFA.INVALID_CODE";
	constructor(readonly attemptsLeft: number | null = null) {
		super("That code is not valid. Check it and try again.");
	}
}

export class TotpAlreadyEnrolledError extends DomainError<"MFA.TOTP_ALREADY_ENROLLED"> {
	readonly code = "MFA.TOTP_ALREADY_ENROLLED";
	constructor() {
		super("An authenticator app is already set up; remove it before setting up another");
	}
}

export class MethodNotAvailableError extends DomainError<"MFA.METHOD_NOT_AVAILABLE"> {
	readonly code = "MFA.METHOD_NOT_AVAILABLE";
	constructor(readonly method: string) {
		super(`This sign-in method is not available (${method})`);
	}
}

/** Removing this would leave fewer factors than the tenant's policy requires. */
export class MfaRequiredByPolicyError extends DomainError<"MFA.REQUIRED_BY_POLICY"> {
	readonly code = "MFA.REQUIRED_BY_POLICY";
	constructor() {
		super("Your organisation requires two-step verification; set up another method before removing this one");
	}
}

/** Codes are sent too often (cost and message bombing protection). */
export class CodeRateLimitedError extends DomainError<"MFA.CODE_RATE_LIMITED"> {
	readonly code = "MFA.CODE_RATE_LIMITED";
	constructor(readonly retryAfterSeconds: number) {
		super(`Please wait ${retryAfterSeconds} seconds before requesting another code`);
	}
}

export type MfaErrorCode = (
	| InvalidCodeError
	| TotpAlreadyEnrolledError
	| MethodNotAvailableError
	| MfaRequiredByPolicyError
	| CodeRateLimitedError
)["code"];
