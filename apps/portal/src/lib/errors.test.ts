import { TRPCClientError } from "@trpc/client";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import en from "../i18n/en.json";
import { getErrorMessage, hasDomainCode, isRetryableError, readApiError } from "./errors";

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
	it("reads the formatter's fields and drops malformed field errors", () => {
		const error = apiError({
			code: "BAD_REQUEST",
			domainCode: "VALIDATION",
			correlationId: "c-1",
			fieldErrors: { phone: ["Invalid phone"], firstName: "not a list", lastName: [1, "Too long"] },
		});
		expect(readApiError(error)).toEqual({
			code: "BAD_REQUEST",
			domainCode: "VALIDATION",
			correlationId: "c-1",
			fieldErrors: { phone: ["Invalid phone"], lastName: ["Too long"] },
			isNetworkError: false,
		});
		expect(hasDomainCode(error, "VALIDATION")).toBe(true);
		expect(isRetryableError(error)).toBe(false);
	});
});
