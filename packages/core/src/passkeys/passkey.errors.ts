import { DomainError } from "../shared/errors";

/** The passkey does not exist, or belongs to another user or tenant (the two look the same). */
export class PasskeyNotFoundError extends DomainError<"PASSKEY.NOT_FOUND"> {
	readonly code = "PASSKEY.NOT_FOUND";
	constructor() {
		super("Passkey not found");
	}
}

/**
 * The authenticator's credential id is already registered, by this user or anyone else
 * (W06, WebAuthn §7.1 step 22). The message does not say whose it is.
 */
export class PasskeyAlreadyRegisteredError extends DomainError<"PASSKEY.ALREADY_REGISTERED"> {
	readonly code = "PASSKEY.ALREADY_REGISTERED";
	constructor() {
		super("This passkey is already registered");
	}
}

/**
 * Why a ceremony failed. For audit rows and server logs only: the caller never sees it, so an
 * attacker cannot tell a wrong origin from an unknown credential or a replayed challenge.
 */
export type PasskeyFailureReason =
	| "malformed_response"
	| "challenge_not_found"
	| "challenge_expired"
	| "unknown_credential"
	| "credential_of_other_user"
	| "user_handle_mismatch"
	| "credential_id_mismatch"
	| "credential_id_too_long"
	| "credential_flagged"
	| "library_rejected"
	| "not_verified"
	| "backup_state_without_eligibility"
	| "backup_eligibility_changed"
	| "counter_regression"
	| "concurrent_use";

/**
 * Every failed registration or authentication ceremony: bad signature, wrong origin or RP ID,
 * UP/UV missing, expired, unknown, reused or foreign challenge, another user's credential,
 * BE/BS problems, counter regression. One generic code and message (STYLE 15); `reason` is for
 * logs and audit only and must not be sent to the client.
 */
export class PasskeyVerificationFailedError extends DomainError<"PASSKEY.VERIFICATION_FAILED"> {
	readonly code = "PASSKEY.VERIFICATION_FAILED";
	constructor(readonly reason: PasskeyFailureReason) {
		super("The passkey could not be verified");
	}
}

export type PasskeyErrorCode = (
	| PasskeyNotFoundError
	| PasskeyAlreadyRegisteredError
	| PasskeyVerificationFailedError
)["code"];
