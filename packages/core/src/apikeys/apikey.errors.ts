import { DomainError } from "../shared/errors";

/**
 * No application user with this id for this caller: it does not exist, lives in another tenant,
 * is a human user, or lies outside every context where the caller could even read it.
 */
export class ApplicationUserNotFoundError extends DomainError<"APIKEY.APPLICATION_USER_NOT_FOUND"> {
	readonly code = "APIKEY.APPLICATION_USER_NOT_FOUND";
	constructor() {
		super("Application user not found");
	}
}

/** No API key with this id for this caller (unknown, another tenant, or out of reach). */
export class ApiKeyNotFoundError extends DomainError<"APIKEY.NOT_FOUND"> {
	readonly code = "APIKEY.NOT_FOUND";
	constructor() {
		super("API key not found");
	}
}

/**
 * The presented key does not authenticate: malformed, unknown, revoked, expired, or its user can
 * no longer act. One code for every reason, so a caller cannot probe which keys exist.
 */
export class InvalidApiKeyError extends DomainError<"APIKEY.INVALID"> {
	readonly code = "APIKEY.INVALID";
	constructor() {
		super("The API key is not valid");
	}
}

/** Self-service procedures (sign-in, security settings, own profile) are for people, not keys. */
export class PeopleOnlyProcedureError extends DomainError<"APIKEY.PEOPLE_ONLY"> {
	readonly code = "APIKEY.PEOPLE_ONLY";
	constructor() {
		super("This is a self-service action for people; an API key cannot call it");
	}
}

/** Granting a role at creation needs roles.manage and every permission of the role, there. */
export class RoleNotGrantableError extends DomainError<"APIKEY.ROLE_NOT_GRANTABLE"> {
	readonly code = "APIKEY.ROLE_NOT_GRANTABLE";
	constructor(readonly roleKey: string) {
		super(`You cannot grant the role "${roleKey}": you do not hold all of it yourself`);
	}
}

export class ApplicationUsernameTakenError extends DomainError<"APIKEY.USERNAME_TAKEN"> {
	readonly code = "APIKEY.USERNAME_TAKEN";
	constructor() {
		super("This username is already taken");
	}
}

/** Keys are issued only to application users that can still act or be reactivated. */
export class ApplicationUserRetiredError extends DomainError<"APIKEY.APPLICATION_USER_RETIRED"> {
	readonly code = "APIKEY.APPLICATION_USER_RETIRED";
	constructor() {
		super("This application user is being deleted; restore it before issuing keys");
	}
}

/** Live keys per application user are capped: enough to rotate, not enough to lose track. */
export class TooManyApiKeysError extends DomainError<"APIKEY.TOO_MANY_KEYS"> {
	readonly code = "APIKEY.TOO_MANY_KEYS";
	constructor(readonly limit: number) {
		super(`An application user can hold at most ${limit} live keys; revoke one first`);
	}
}

export type ApiKeyErrorCode = (
	| ApplicationUserNotFoundError
	| ApiKeyNotFoundError
	| InvalidApiKeyError
	| PeopleOnlyProcedureError
	| RoleNotGrantableError
	| ApplicationUsernameTakenError
	| ApplicationUserRetiredError
	| TooManyApiKeysError
)["code"];
