/**
 * Base of every error core throws on purpose. Each carries a stable `code` from a closed union;
 * the API maps every code to a transport code exactly once (apps/api/src/errors.ts).
 */
export abstract class DomainError<TCode extends string = string> extends Error {
	abstract readonly code: TCode;
}

/** Input broke a rule; `fieldErrors` names the fields (as the caller spelled them) and why. */
export class ValidationError extends DomainError<"VALIDATION"> {
	readonly code = "VALIDATION";
	constructor(readonly fieldErrors: Record<string, string[]>) {
		super(
			Object.entries(fieldErrors)
				.map(([field, messages]) => `${field}: ${messages.join(", ")}`)
				.join("; ") || "Invalid input",
		);
	}
}

export type SharedErrorCode = ValidationError["code"];
