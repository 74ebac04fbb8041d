import { WebAuthnError } from "@simplewebauthn/browser";
import { TRPCClientError } from "@trpc/client";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import en from "../i18n/en.json";
import {
	DOMAIN_MESSAGE_KEYS,
	formatWait,
	getErrorMessage,
	hasDomainCode,
	isPasskeyCancelled,
	isRetryableError,
	readApiError,
	supportReferenceOf,
} from "./errors";

/** An error as the client builds it from a server answer with the given `data`. */
function apiError(data: Record<string, unknown>) {
	return TRPCClientError.from({ error: { code: -32001, message: "failed", data } });
}

const i18n = i18next.createInstance();
const t = i18n.t.bind(i18n);

beforeAll(async () => {
	await i18n.init({ lng: "en", resources: { en: { translation: en } }, showSupportNotice: false });
});

describe("getErrorMessage", () => {
	it("prefers the domain code", () => {
		const error = apiError({ code: "UNAUTHORIZED", domainCode: "AUTH.INVALID_CREDENTIALS" });
		expect(getErrorMessage(error, t)).toBe(en.errors.domain.invalidCredentials);
	});

	it("says why a higher-ranking user cannot be changed", () => {
		const error = apiError({ code: "FORBIDDEN", domainCode: "AUTHZ.TARGET_OUTRANKS_ACTOR" });
		expect(getErrorMessage(error, t)).toBe(
			"This user holds permissions you do not have, so you cannot change their account.",
		);
	});

	it("falls back to the transport code for unknown domain codes", () => {
		const error = apiError({ code: "FORBIDDEN", domainCode: "SOMETHING.NEW" });
		expect(getErrorMessage(error, t)).toBe(en.errors.transport.forbidden);
	});

	it("does not treat inherited property names as codes", () => {
		const error = apiError({ code: "toString", domainCode: "constructor" });
		expect(getErrorMessage(error, t)).toBe(en.errors.generic);
	});

	it("reports a network failure when no tRPC answer was parsed", () => {
		const error = new TRPCClientError("Failed to fetch", { cause: new TypeError("Failed to fetch") });
		expect(getErrorMessage(error, t)).toBe(en.errors.network);
		expect(isRetryableError(error)).toBe(true);
	});

	it("goes by the HTTP status when a proxy answered instead of the API", () => {
		const response = new Response(JSON.stringify({ error: "origin not allowed" }), { status: 403 });
		const error = TRPCClientError.from(new Error("Unable to transform response from server"), { meta: { response } });
		expect(getErrorMessage(error, t)).toBe(en.errors.transport.forbidden);
		expect(isRetryableError(error)).toBe(false);
	});

	it("gives a generic message for anything else", () => {
		expect(getErrorMessage(new Error("boom"), t)).toBe(en.errors.generic);
	});
});

describe("readApiError", () => {
	it("reads the formatter's fields and drops malformed field issues", () => {
		const error = apiError({
			code: "BAD_REQUEST",
			domainCode: "VALIDATION",
			correlationId: "c-1",
			fieldErrors: { phone: ["Invalid phone"], lastName: ["Too long"] },
			fieldIssues: {
				phone: [{ code: "custom" }],
				firstName: "not a list",
				lastName: [1, { code: "too_big", origin: "string", maximum: 100, minimum: "2" }, { maximum: 3 }],
			},
		});
		expect(readApiError(error)).toEqual({
			code: "BAD_REQUEST",
			domainCode: "VALIDATION",
			correlationId: "c-1",
			fieldIssues: { phone: [{ code: "custom" }], lastName: [{ code: "too_big", origin: "string", maximum: 100 }] },
			details: { attemptsLeft: null, retryAfterSeconds: null, violations: [], requiredActions: [], historyCount: null },
			isNetworkError: false,
		});
		expect(hasDomainCode(error, "VALIDATION")).toBe(true);
		expect(isRetryableError(error)).toBe(false);
	});
});

describe("supportReferenceOf", () => {
	it("gives the reference only for a failure the portal has no words for", () => {
		const reference = (data: Record<string, unknown>) =>
			supportReferenceOf(apiError({ correlationId: "c-9", ...data }));
		expect(reference({ code: "UNAUTHORIZED", domainCode: "AUTH.INVALID_CREDENTIALS" })).toBeNull();
		expect(reference({ code: "FORBIDDEN", domainCode: null })).toBeNull();
		expect(reference({ code: "SERVICE_UNAVAILABLE", domainCode: "DB.UNAVAILABLE" })).toBeNull();
		expect(reference({ code: "INTERNAL_SERVER_ERROR", domainCode: null })).toBe("c-9");
		expect(reference({ code: "BAD_REQUEST", domainCode: "SOMETHING.NEW" })).toBe("c-9");
		expect(supportReferenceOf(new Error("offline"))).toBeNull();
	});
});

describe("domain messages", () => {
	it("has an English message for every domain code", () => {
		const missing = Object.entries(DOMAIN_MESSAGE_KEYS)
			.filter(([, key]) => !i18n.exists(key))
			.map(([code]) => code);
		expect(missing).toEqual([]);
	});

	it("adds the attempts left to a wrong code", () => {
		const error = apiError({ code: "UNAUTHORIZED", domainCode: "MFA.INVALID_CODE", details: { attemptsLeft: 1 } });
		expect(getErrorMessage(error, t)).toBe(`${en.errors.domain.invalidCode} 1 attempt left.`);
	});

	it("says how long to wait, in a unit that reads naturally", () => {
		const soon = apiError({
			code: "TOO_MANY_REQUESTS",
			domainCode: "MFA.CODE_RATE_LIMITED",
			details: { retryAfterSeconds: 45 },
		});
		expect(getErrorMessage(soon, t)).toBe("Please wait 45 seconds before requesting another code.");
		expect(formatWait(3600, "en")).toBe("60 minutes");
		expect(formatWait(86_400, "de")).toBe("24 Stunden");
	});

	it("says how many earlier passwords count", () => {
		const error = apiError({ code: "BAD_REQUEST", domainCode: "AUTH.PASSWORD_REUSED", details: { historyCount: 6 } });
		expect(getErrorMessage(error, t)).toContain("last 6 passwords");
	});

	it("reads details defensively", () => {
		const error = apiError({
			code: "BAD_REQUEST",
			domainCode: "PASSWORD.POLICY_VIOLATION",
			details: { attemptsLeft: "3", violations: [{ code: "TOO_SHORT", min: 15 }, "TOO_WEAK", { min: 1 }] },
		});
		expect(readApiError(error).details).toEqual({
			attemptsLeft: null,
			retryAfterSeconds: null,
			violations: [{ code: "TOO_SHORT", min: 15 }],
			requiredActions: [],
			historyCount: null,
		});
	});
});

describe("passkey prompt errors", () => {
	it("treats a closed or timed-out prompt as cancelled, with its own message", () => {
		const error = new WebAuthnError({
			message: "The operation either timed out or was not allowed.",
			code: "ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY",
			cause: new Error("NotAllowedError"),
		});
		expect(isPasskeyCancelled(error)).toBe(true);
		expect(getErrorMessage(error, t)).toBe(en.errors.passkey.cancelled);
	});

	it("explains an authenticator that already holds a passkey for the account", () => {
		const error = new WebAuthnError({
			message: "The authenticator was previously registered",
			code: "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED",
			cause: new Error("InvalidStateError"),
		});
		expect(isPasskeyCancelled(error)).toBe(false);
		expect(getErrorMessage(error, t)).toBe(en.errors.passkey.alreadyRegistered);
	});
});
