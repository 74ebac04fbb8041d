import type { UserState } from "@tessera/db/schema";
import { DomainError } from "../shared/errors";

/** The user does not exist, or exists outside the caller's reach (the two look the same). */
export class UserNotFoundError extends DomainError<"USER.NOT_FOUND"> {
	readonly code = "USER.NOT_FOUND";
	constructor() {
		super("User not found");
	}
}

/** The caller edited an old version; nothing was written. Carries the version to reload. */
export class VersionConflictError extends DomainError<"USER.VERSION_CONFLICT"> {
	readonly code = "USER.VERSION_CONFLICT";
	constructor(readonly currentVersion: number) {
		super(`This user was changed elsewhere (now at version ${currentVersion}); reload and try again`);
	}
}

export class IllegalStateTransitionError extends DomainError<"USER.ILLEGAL_TRANSITION"> {
	readonly code = "USER.ILLEGAL_TRANSITION";
	constructor(
		readonly from: UserState,
		readonly to: UserState,
	) {
		super(`A user cannot go from "${from}" to "${to}"`);
	}
}

export class EmailTakenError extends DomainError<"USER.EMAIL_TAKEN"> {
	readonly code = "USER.EMAIL_TAKEN";
	constructor() {
		super("A user with this email address already exists");
	}
}

export class UsernameTakenError extends DomainError<"USER.USERNAME_TAKEN"> {
	readonly code = "USER.USERNAME_TAKEN";
	constructor() {
		super("This username is already taken");
	}
}

/**
 * Restore applies only while deletion is pending (state `deleting`); a purged (`deleted`) user
 * cannot come back.
 */
export class UserNotDeletingError extends DomainError<"USER.NOT_DELETING"> {
	readonly code = "USER.NOT_DELETING";
	constructor(readonly state: UserState) {
		super(`Only a user whose deletion is pending can be restored (this user is "${state}")`);
	}
}

export type UserErrorCode = (
	| UserNotFoundError
	| VersionConflictError
	| IllegalStateTransitionError
	| EmailTakenError
	| UsernameTakenError
	| UserNotDeletingError
)["code"];
