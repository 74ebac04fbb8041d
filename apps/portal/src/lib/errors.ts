import type { DomainErrorCode } from "@tessera/core/errors";
import { TRPCClientError } from "@trpc/client";
import type { TFunction } from "i18next";

/**
 * A message per domain code (the closed union core exports; type-only import, nothing ships).
 * Keys are checked against that union, so a renamed code fails to compile. It is `Partial` while
 * core is still growing its codes: a code missing here falls back to the message for its
 * transport code, then to a generic one, so raw server text is never shown. Drop `Partial`
 * to make every new code demand a translation.
 */
const DOMAIN_MESSAGE_KEYS = {
	VALIDATION: "errors.domain.validation",
	"AUTH.INVALID_CREDENTIALS": "errors.domain.invalidCredentials",
	"AUTH.RATE_LIMITED": "errors.domain.rateLimited",
	"AUTH.UNAUTHENTICATED": "errors.domain.unauthenticated",
	"AUTHZ.FORBIDDEN": "errors.domain.forbidden",
	"USER.NOT_FOUND": "errors.domain.userNotFound",
	"USER.VERSION_CONFLICT": "errors.domain.versionConflict",
	"USER.ILLEGAL_TRANSITION": "errors.domain.illegalTransition",
	"USER.EMAIL_TAKEN": "errors.domain.emailTaken",
} as const satisfies Partial<Record<DomainErrorCode, string>>;

export type KnownDomainCode = keyof typeof DOMAIN_MESSAGE_KEYS;

/** Fallback messages by tRPC transport code, for errors whose domain code we do not know. */
const TRANSPORT_MESSAGE_KEYS = {
	BAD_REQUEST: "errors.transport.badRequest",
	UNAUTHORIZED: "errors.transport.unauthorized",
	FORBIDDEN: "errors.transport.forbidden",
	NOT_FOUND: "errors.transport.notFound",
	CONFLICT: "errors.transport.conflict",
	TOO_MANY_REQUESTS: "errors.transport.tooManyRequests",
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

/** What the portal reads from a failed tRPC call, whatever shape it arrived in. */
export interface ApiErrorInfo {
	/** tRPC transport code ("UNAUTHORIZED", …), or null when no server answer was parsed. */
	code: string | null;
	/** The server's stable domain code ("USER.VERSION_CONFLICT", …), or null. */
	domainCode: string | null;
	/** Id the server logged the failure under; shown so support can find it. */
	correlationId: string | null;
	/** Validation messages per input field (English, from the server). */
	fieldErrors: Record<string, string[]>;
	/** True when the request never got a tRPC answer (offline, server down, proxy error page). */
	isNetworkError: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null;
}

function readString(record: Record<string, unknown>, key: string): string | null {
	const value = record[key];
	return typeof value === "string" ? value : null;
}

function readFieldErrors(value: unknown): Record<string, string[]> {
	if (!isRecord(value)) {
		return {};
	}
	const out: Record<string, string[]> = {};
	for (const [field, messages] of Object.entries(value)) {
		if (Array.isArray(messages)) {
			const texts = messages.filter((message): message is string => typeof message === "string");
			if (texts.length > 0) {
				out[field] = texts;
			}
		}
	}
	return out;
}

function lookup<T extends Record<string, string>>(map: T, key: string | null): T[keyof T] | undefined {
	if (key === null || !Object.hasOwn(map, key)) {
		return undefined;
	}
	return map[key as keyof T];
}

/**
 * Reads the `data` the API's error formatter attaches (`domainCode`, `correlationId`,
 * `fieldErrors`). It is validated at run time rather than trusted, because an error can also
 * come from a proxy or a network failure, where `data` is missing or not ours.
 */
export function readApiError(error: unknown): ApiErrorInfo {
	const info: ApiErrorInfo = {
		code: null,
		domainCode: null,
		correlationId: null,
		fieldErrors: {},
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
			fieldErrors: readFieldErrors(data.fieldErrors),
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
 * The one place that turns an API error into a translated sentence: by domain code first,
 * then by transport code, then a network or generic message. Components never branch on codes
 * to pick a message.
 */
export function getErrorMessage(error: unknown, t: TFunction): string {
	const info = readApiError(error);
	const key =
		lookup(DOMAIN_MESSAGE_KEYS, info.domainCode) ??
		lookup(TRANSPORT_MESSAGE_KEYS, info.code) ??
		(info.isNetworkError ? "errors.network" : "errors.generic");
	return t(key);
}

/** Should a failed query be retried? Never for answers the server gave on purpose (4xx). */
export function isRetryableError(error: unknown): boolean {
	const info = readApiError(error);
	if (info.isNetworkError) {
		return true;
	}
	return info.code === null || info.code === "INTERNAL_SERVER_ERROR" || info.code === "TIMEOUT";
}
