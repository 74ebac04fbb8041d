import { WebAuthnError } from "@simplewebauthn/browser";
import type { DomainErrorCode } from "@tessera/core/errors";
import type { PasswordViolation } from "@tessera/core/passwords/password-rules";
import type { FieldIssue } from "@tessera/core/shared/errors";
import { TRPCClientError } from "@trpc/client";
import type { TFunction } from "i18next";

/**
 * A message per domain code (the closed union core exports; type-only import, nothing ships).
 * The map is total: a code core adds and the portal does not translate fails to compile here,
 * and a code core drops or renames fails too, so the two can never drift apart.
 */
export const DOMAIN_MESSAGE_KEYS = {
	VALIDATION: "errors.domain.validation",
	"DB.UNAVAILABLE": "errors.domain.databaseUnavailable",
	"DB.BUSY": "errors.domain.databaseBusy",
	"DB.TIMEOUT": "errors.domain.databaseTimeout",
	"USER.NOT_FOUND": "errors.domain.userNotFound",
	"USER.VERSION_CONFLICT": "errors.domain.versionConflict",
	"USER.ILLEGAL_TRANSITION": "errors.domain.illegalTransition",
	"USER.EMAIL_TAKEN": "errors.domain.emailTaken",
	"USER.USERNAME_TAKEN": "errors.domain.usernameTaken",
	"AUTH.INVALID_CREDENTIALS": "errors.domain.invalidCredentials",
	"AUTH.UNAUTHENTICATED": "errors.domain.unauthenticated",
	"AUTH.RATE_LIMITED": "errors.domain.rateLimited",
	"AUTH.LOGIN_FLOW_EXPIRED": "errors.domain.loginFlowExpired",
	"AUTH.REAUTH_REQUIRED": "errors.domain.reauthRequired",
	"AUTH.REQUIRED_ACTIONS_PENDING": "errors.domain.requiredActionsPending",
	"AUTH.WRONG_PASSWORD": "errors.domain.wrongPassword",
	"AUTH.PASSWORD_REUSED": "errors.domain.passwordReused",
	"AUTH.PASSWORD_RESET_INVALID": "errors.domain.passwordResetInvalid",
	"AUTH.PASSWORD_RESET_UNAVAILABLE": "errors.domain.passwordResetUnavailable",
	"AUTHZ.FORBIDDEN": "errors.domain.forbidden",
	"AUTHZ.TARGET_OUTRANKS_ACTOR": "errors.domain.targetOutranksActor",
	"MFA.INVALID_CODE": "errors.domain.invalidCode",
	"MFA.TOTP_ALREADY_ENROLLED": "errors.domain.totpAlreadyEnrolled",
	"MFA.METHOD_NOT_AVAILABLE": "errors.domain.methodNotAvailable",
	"MFA.REQUIRED_BY_POLICY": "errors.domain.mfaRequiredByPolicy",
	"MFA.CODE_RATE_LIMITED": "errors.domain.codeRateLimited",
	"PASSKEY.NOT_FOUND": "errors.domain.passkeyNotFound",
	"PASSKEY.ALREADY_REGISTERED": "errors.domain.passkeyAlreadyRegistered",
	"PASSKEY.VERIFICATION_FAILED": "errors.domain.passkeyVerificationFailed",
	"PASSWORD.POLICY_VIOLATION": "errors.domain.passwordPolicyViolation",
	"POLICY.TENANT_NOT_FOUND": "errors.domain.tenantNotFound",
	"USER.NOT_DELETING": "errors.domain.userNotDeleting",
	"ROLE.NOT_FOUND": "errors.domain.roleNotFound",
	"ROLE.CONTEXT_NOT_FOUND": "errors.domain.roleContextNotFound",
	"ROLE.ASSIGNMENT_NOT_FOUND": "errors.domain.roleAssignmentNotFound",
	"ROLE.KEY_TAKEN": "errors.domain.roleKeyTaken",
	"ROLE.BUILTIN_READ_ONLY": "errors.domain.roleBuiltinReadOnly",
	"ROLE.REVISION_CONFLICT": "errors.domain.roleRevisionConflict",
	"ROLE.IN_USE": "errors.domain.roleInUse",
	"ROLE.PENDING_INVITATIONS": "errors.domain.rolePendingInvitations",
	"ROLE.CONTEXT_TYPE_MISMATCH": "errors.domain.roleContextTypeMismatch",
	"ROLE.SUB_ACCOUNTS_OUTSIDE_ACCOUNT": "errors.domain.roleSubAccountsOutsideAccount",
	"ROLE.GRANT_EXCEEDS_OWN": "errors.domain.roleGrantExceedsOwn",
	"ROLE.SELF_ESCALATION": "errors.domain.roleSelfEscalation",
	"ROLE.ALREADY_ASSIGNED": "errors.domain.roleAlreadyAssigned",
	"ROLE.LAST_TENANT_ADMIN": "errors.domain.roleLastTenantAdmin",
	"ROLE.ASSIGNEE_DELETED": "errors.domain.roleAssigneeDeleted",
	"APIKEY.APPLICATION_USER_NOT_FOUND": "errors.domain.applicationUserNotFound",
	"APIKEY.NOT_FOUND": "errors.domain.apiKeyNotFound",
	"APIKEY.INVALID": "errors.domain.apiKeyInvalid",
	"APIKEY.PEOPLE_ONLY": "errors.domain.apiKeyPeopleOnly",
	"APIKEY.ROLE_NOT_GRANTABLE": "errors.domain.apiKeyRoleNotGrantable",
	"APIKEY.USERNAME_TAKEN": "errors.domain.applicationUsernameTaken",
	"APIKEY.APPLICATION_USER_RETIRED": "errors.domain.applicationUserRetired",
	"APIKEY.TOO_MANY_KEYS": "errors.domain.apiKeyTooMany",
	"INVITATION.NOT_FOUND": "errors.domain.invitationNotFound",
	"INVITATION.ALREADY_ACCEPTED": "errors.domain.invitationAlreadyAccepted",
	"INVITATION.ROLE_EXCEEDS_INVITER": "errors.domain.invitationRoleExceedsInviter",
} as const satisfies Record<DomainErrorCode, string>;

export type KnownDomainCode = keyof typeof DOMAIN_MESSAGE_KEYS;

/** Fallback messages by tRPC transport code, for errors whose domain code we do not know. */
const TRANSPORT_MESSAGE_KEYS = {
	BAD_REQUEST: "errors.transport.badRequest",
	UNAUTHORIZED: "errors.transport.unauthorized",
	FORBIDDEN: "errors.transport.forbidden",
	NOT_FOUND: "errors.transport.notFound",
	CONFLICT: "errors.transport.conflict",
	TOO_MANY_REQUESTS: "errors.transport.tooManyRequests",
	SERVICE_UNAVAILABLE: "errors.transport.serviceUnavailable",
} as const;

/**
 * Messages for failed WebAuthn ceremonies in the browser, by @simplewebauthn/browser's codes.
 * "Passthrough" is the browser's NotAllowedError: the person cancelled, or the prompt timed out
 * (browsers deliberately do not say which).
 */
const PASSKEY_MESSAGE_KEYS = {
	ERROR_CEREMONY_ABORTED: "errors.passkey.cancelled",
	ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY: "errors.passkey.cancelled",
	ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED: "errors.passkey.alreadyRegistered",
	ERROR_INVALID_DOMAIN: "errors.passkey.notAvailableHere",
	ERROR_INVALID_RP_ID: "errors.passkey.notAvailableHere",
	ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT: "errors.passkey.unsupportedAuthenticator",
	ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT: "errors.passkey.unsupportedAuthenticator",
	ERROR_AUTHENTICATOR_NO_SUPPORTED_PUBKEYCREDPARAMS_ALG: "errors.passkey.unsupportedAuthenticator",
} as const;

/** tRPC codes for HTTP statuses, for answers that did not come from our API (e.g. a proxy). */
const HTTP_STATUS_CODES: Record<number, string> = {
	400: "BAD_REQUEST",
	401: "UNAUTHORIZED",
	403: "FORBIDDEN",
	404: "NOT_FOUND",
	409: "CONFLICT",
	429: "TOO_MANY_REQUESTS",
};

/** Typed facts some domain errors carry (`error.data.details`); absent ones are null or empty. */
export interface ApiErrorDetails {
	/** Wrong codes the current sign-in still accepts (MFA.INVALID_CODE). */
	attemptsLeft: number | null;
	/** Seconds to wait before trying again (rate limits, code resend cooldown). */
	retryAfterSeconds: number | null;
	/** Why a new password was refused (PASSWORD.POLICY_VIOLATION). */
	violations: PasswordViolation[];
	/** Steps the session must complete first (AUTH.REQUIRED_ACTIONS_PENDING). */
	requiredActions: string[];
	/** How many earlier passwords may not be reused (AUTH.PASSWORD_REUSED). */
	historyCount: number | null;
}

/** What the portal reads from a failed tRPC call, whatever shape it arrived in. */
export interface ApiErrorInfo {
	/** tRPC transport code ("UNAUTHORIZED", …), or null when no server answer was parsed. */
	code: string | null;
	/** The server's stable domain code ("USER.VERSION_CONFLICT", …), or null. */
	domainCode: string | null;
	/** Id the server logged the failure under; shown so support can find it. */
	correlationId: string | null;
	/** What the server found wrong per input field, as codes with limits (worded by `describeServerIssues`). */
	fieldIssues: Record<string, FieldIssue[]>;
	details: ApiErrorDetails;
	/** True when the request never got a tRPC answer (offline, server down, proxy error page). */
	isNetworkError: boolean;
}

const NO_DETAILS: ApiErrorDetails = {
	attemptsLeft: null,
	retryAfterSeconds: null,
	violations: [],
	requiredActions: [],
	historyCount: null,
};

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null;
}

function readString(record: Record<string, unknown>, key: string): string | null {
	const value = record[key];
	return typeof value === "string" ? value : null;
}

function readCount(record: Record<string, unknown>, key: string): number | null {
	const value = record[key];
	return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
}

/** Keeps the issues with a code; limits are kept only when they are numbers. */
function readFieldIssues(value: unknown): Record<string, FieldIssue[]> {
	if (!isRecord(value)) {
		return {};
	}
	const out: Record<string, FieldIssue[]> = {};
	for (const [field, issues] of Object.entries(value)) {
		if (!Array.isArray(issues)) continue;
		const read = issues.filter(isRecord).flatMap((issue): FieldIssue[] => {
			const code = readString(issue, "code");
			if (code === null) return [];
			const origin = readString(issue, "origin");
			const format = readString(issue, "format");
			const minimum = typeof issue.minimum === "number" ? issue.minimum : null;
			const maximum = typeof issue.maximum === "number" ? issue.maximum : null;
			const rule = readString(issue, "rule");
			return [
				{
					code,
					...(origin !== null && { origin }),
					...(format !== null && { format }),
					...(minimum !== null && { minimum }),
					...(maximum !== null && { maximum }),
					...(rule !== null && { rule }),
				},
			];
		});
		if (read.length > 0) {
			out[field] = read;
		}
	}
	return out;
}

/** Keeps the violations whose shape we know; an unknown code is passed on (and shown generically). */
function readViolations(value: unknown): PasswordViolation[] {
	if (!Array.isArray(value)) {
		return [];
	}
	// The server's own type; only the discriminant is checked here, fields are read defensively.
	return value.filter((item): item is PasswordViolation => isRecord(item) && typeof item.code === "string");
}

function readDetails(value: unknown): ApiErrorDetails {
	if (!isRecord(value)) {
		return NO_DETAILS;
	}
	const requiredActions = Array.isArray(value.requiredActions)
		? value.requiredActions.filter((action): action is string => typeof action === "string")
		: [];
	return {
		attemptsLeft: readCount(value, "attemptsLeft"),
		retryAfterSeconds: readCount(value, "retryAfterSeconds"),
		violations: readViolations(value.violations),
		requiredActions,
		historyCount: readCount(value, "historyCount"),
	};
}

function lookup<T extends Record<string, string>>(map: T, key: string | null): T[keyof T] | undefined {
	if (key === null || !Object.hasOwn(map, key)) {
		return undefined;
	}
	return map[key as keyof T];
}

/**
 * Reads the `data` the API's error formatter attaches (`domainCode`, `correlationId`,
 * `fieldIssues`, `details`). It is validated at run time rather than trusted, because an error
 * can also come from a proxy or a network failure, where `data` is missing or not ours.
 */
export function readApiError(error: unknown): ApiErrorInfo {
	const info: ApiErrorInfo = {
		code: null,
		domainCode: null,
		correlationId: null,
		fieldIssues: {},
		details: NO_DETAILS,
		isNetworkError: false,
	};
	if (!(error instanceof TRPCClientError)) {
		return info;
	}
	const data: unknown = error.data;
	if (isRecord(data)) {
		return {
			...info,
			code: readString(data, "code"),
			domainCode: readString(data, "domainCode"),
			correlationId: readString(data, "correlationId"),
			fieldIssues: readFieldIssues(data.fieldIssues),
			details: readDetails(data.details),
		};
	}
	// No tRPC answer. If something still answered over HTTP (a proxy, a gateway), go by its status.
	const meta: unknown = error.meta;
	const response = isRecord(meta) && isRecord(meta.response) ? meta.response : null;
	if (response === null) {
		return { ...info, isNetworkError: true };
	}
	const status = response.status;
	return { ...info, code: typeof status === "number" ? (HTTP_STATUS_CODES[status] ?? null) : null };
}

/** True when the error carries the given domain code. */
export function hasDomainCode(error: unknown, domainCode: KnownDomainCode): boolean {
	return readApiError(error).domainCode === domainCode;
}

/**
 * True when a passkey prompt ended without an answer because the person (or the page) cancelled
 * it, or it timed out. Such an ending is not a failure worth an error box in every place.
 */
export function isPasskeyCancelled(error: unknown): boolean {
	if (error instanceof WebAuthnError) {
		return error.code === "ERROR_CEREMONY_ABORTED" || error.code === "ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY";
	}
	return error instanceof DOMException && (error.name === "AbortError" || error.name === "NotAllowedError");
}

/**
 * A wait in the largest unit that reads naturally ("45 seconds", "5 minutes", "2 hours"),
 * rounded up so the person never retries too early.
 */
export function formatWait(seconds: number, locale: string): string {
	const [value, unit] =
		seconds < 120
			? [Math.max(1, Math.ceil(seconds)), "second"]
			: seconds < 2 * 3600
				? [Math.ceil(seconds / 60), "minute"]
				: [Math.ceil(seconds / 3600), "hour"];
	return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(value);
}

function passkeyMessageKey(error: unknown) {
	if (error instanceof WebAuthnError) {
		return lookup(PASSKEY_MESSAGE_KEYS, error.code) ?? "errors.passkey.failed";
	}
	if (isPasskeyCancelled(error)) {
		return "errors.passkey.cancelled";
	}
	if (error instanceof Error && error.message.includes("WebAuthn is not supported")) {
		return "errors.passkey.unsupportedBrowser";
	}
	return undefined;
}

/**
 * The one place that turns an error into a translated sentence: an API error by domain code
 * first (with the facts its details carry: attempts left, how long to wait, how many earlier
 * passwords count), then by transport code; a failed passkey prompt by its WebAuthn code; then
 * a network or generic message. Components never branch on codes to pick a message.
 */
export function getErrorMessage(error: unknown, t: TFunction): string {
	const passkeyKey = passkeyMessageKey(error);
	if (passkeyKey) {
		return t(passkeyKey);
	}
	const info = readApiError(error);
	const { details } = info;
	const domainKey = lookup(DOMAIN_MESSAGE_KEYS, info.domainCode);
	if (domainKey) {
		const locale = t("meta.locale");
		const message = t(domainKey, {
			wait: formatWait(details.retryAfterSeconds ?? 60, locale),
			count: details.historyCount ?? 4,
		});
		if (info.domainCode === "MFA.INVALID_CODE" && details.attemptsLeft !== null) {
			return `${message} ${t("errors.attemptsLeft", { count: details.attemptsLeft })}`;
		}
		return message;
	}
	const key = lookup(TRANSPORT_MESSAGE_KEYS, info.code) ?? (info.isNetworkError ? "errors.network" : "errors.generic");
	return t(key);
}

/**
 * The reference to quote to support, only for a failure nobody meant: a server error, or an
 * answer the portal has no words for. A wrong password or a refused permission is explained by
 * its message and needs none; a network failure never reached the server, so it has none.
 */
export function supportReferenceOf(error: unknown): string | null {
	const info = readApiError(error);
	if (info.correlationId === null) {
		return null;
	}
	const explained =
		lookup(DOMAIN_MESSAGE_KEYS, info.domainCode) !== undefined ||
		(info.domainCode === null && lookup(TRANSPORT_MESSAGE_KEYS, info.code) !== undefined);
	return explained ? null : info.correlationId;
}

/** Should a failed query be retried? Never for answers the server gave on purpose (4xx). */
export function isRetryableError(error: unknown): boolean {
	const info = readApiError(error);
	if (info.isNetworkError) {
		return true;
	}
	return info.code === null || info.code === "INTERNAL_SERVER_ERROR" || info.code === "TIMEOUT";
}
