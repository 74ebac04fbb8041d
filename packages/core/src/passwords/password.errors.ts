import { DomainError } from "../shared/errors";
import type { PasswordViolation } from "./password-rules";

/**
 * A new password breaks the tenant's rules (A03, A04, A06, A07; I06 for the byte cap). Carries
 * every violation with its data, so the form can say exactly what to change; never the password.
 */
export class WeakPasswordError extends DomainError<"PASSWORD.POLICY_VIOLATION"> {
	readonly code = "PASSWORD.POLICY_VIOLATION";
	constructor(readonly violations: readonly PasswordViolation[]) {
		super(`The password does not meet the policy: ${violations.map((violation) => violation.code).join(", ")}`);
	}
}

export type PasswordErrorCode = WeakPasswordError["code"];
