import { describe, expect, it } from "vitest";
import { firstMethod, nextStep } from "./sign-in-result";

describe("sign-in steps", () => {
	it("offers the preferred method first, else the first real factor, recovery codes last", () => {
		expect(firstMethod(["passkey", "totp", "recovery_code"], "totp")).toBe("totp");
		expect(firstMethod(["recovery_code", "email"], null)).toBe("email");
		expect(firstMethod(["totp"], "sms")).toBe("totp");
		expect(firstMethod([], null)).toBeNull();
	});

	it("maps every answer to the next step", () => {
		const expiresAt = new Date();
		expect(nextStep({ status: "signed_in", userId: "u", requiredActions: [] })).toBeNull();
		expect(nextStep({ status: "mfa_required", methods: ["sms"], preferred: null, expiresAt })).toEqual({
			kind: "mfa",
			methods: ["sms"],
			preferred: null,
		});
		expect(nextStep({ status: "password_change_required", reason: "expired", expiresAt })).toEqual({
			kind: "passwordChange",
			reason: "expired",
		});
	});
});
