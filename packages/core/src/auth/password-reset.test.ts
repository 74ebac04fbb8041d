import { describe, expect, it } from "vitest";
import { DEFAULT_TENANT_POLICY } from "../policy/tenant-policy";
import { allowedMfaMethodsFor } from "../policy/tenant-policy.service";
import { ZCompletePasswordResetInput, ZRequestPasswordResetInput } from "./password-reset.schema";
import { PASSWORD_RESET_PATH, PASSWORD_RESET_TTL_MINUTES, passwordResetUrl } from "./password-reset.service";

describe("the reset link", () => {
	it("carries the token in the fragment, never in the path or query a server logs", () => {
		const url = new URL(passwordResetUrl("https://id.example.com", "abc_DEF-123"));
		expect(url.origin).toBe("https://id.example.com");
		expect(url.pathname).toBe(PASSWORD_RESET_PATH);
		expect(url.search).toBe("");
		expect(url.hash).toBe("#token=abc_DEF-123");
	});

	it("lives 30 minutes (SECURITY A18)", () => {
		expect(PASSWORD_RESET_TTL_MINUTES).toBe(30);
	});
});

describe("second factors after a reset by email link (SECURITY A17)", () => {
	const everyone = { ...DEFAULT_TENANT_POLICY, mfa: { ...DEFAULT_TENANT_POLICY.mfa, required: "off" as const } };

	it.each([
		["a member", [] as string[], { passwordResetByEmailLink: false }, ["totp", "sms", "email", "passkey"]],
		["a member", [], { passwordResetByEmailLink: true }, ["totp", "sms", "passkey"]],
		["an administrator", ["tenant_admin"], { passwordResetByEmailLink: false }, ["totp", "passkey"]],
		["an administrator", ["tenant_admin"], { passwordResetByEmailLink: true }, ["totp", "passkey"]],
	])("%s (roles %j, %j) may answer with %j", (_who, roles, circumstances, expected) => {
		expect(allowedMfaMethodsFor(everyone, roles, circumstances)).toEqual(expected);
	});

	it("without circumstances the rule is the one it always was", () => {
		expect(allowedMfaMethodsFor(everyone, [])).toEqual(allowedMfaMethodsFor(everyone, [], {}));
		expect(allowedMfaMethodsFor(everyone, [])).toContain("email");
	});
});

describe("inputs", () => {
	it("takes the address like sign-in does: trimmed and lower-cased", () => {
		expect(ZRequestPasswordResetInput.parse({ tenant: " ACME ", email: "  Grace@Example.COM " })).toEqual({
			tenant: "acme",
			email: "grace@example.com",
		});
	});

	it("refuses unknown keys and absurd sizes", () => {
		expect(ZRequestPasswordResetInput.safeParse({ tenant: "acme", email: "a@b.c", extra: 1 }).success).toBe(false);
		expect(ZCompletePasswordResetInput.safeParse({ token: "t".repeat(257), password: "x" }).success).toBe(false);
		expect(ZCompletePasswordResetInput.safeParse({ token: "t", password: "x".repeat(1025) }).success).toBe(false);
	});
});
