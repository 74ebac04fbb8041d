import { DomainError } from "../shared/errors";

/** The tenant whose policy was asked for does not exist (or no longer does). */
export class TenantNotFoundError extends DomainError<"POLICY.TENANT_NOT_FOUND"> {
	readonly code = "POLICY.TENANT_NOT_FOUND";
	constructor() {
		super("Tenant not found");
	}
}

export type PolicyErrorCode = TenantNotFoundError["code"];
