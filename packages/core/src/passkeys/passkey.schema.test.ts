import { generateAuthenticationOptions, generateRegistrationOptions } from "@simplewebauthn/server";
import { describe, expect, it } from "vitest";
import {
	ZAuthenticationResponseJSON,
	ZPasskeyCreationOptionsJSON,
	ZPasskeyName,
	ZPasskeyRequestOptionsJSON,
	ZPasskeyView,
	ZRegistrationResponseJSON,
} from "./passkey.schema";
import { SoftAuthenticator } from "./testing/soft-authenticator";

const authenticator = new SoftAuthenticator({ origin: "https://id.tessera.test" });
const registration = authenticator.createRegistrationResponse({
	challenge: "Y2hhbGxlbmdl",
	rp: { id: "tessera.test", name: "Tessera" },
	user: { id: "dXNlcg", name: "u", displayName: "U" },
	pubKeyCredParams: [{ alg: -7, type: "public-key" }],
});
const assertion = authenticator.createAuthenticationResponse({ challenge: "Y2hhbGxlbmdl", rpId: "tessera.test" });

describe("ZPasskeyName (W10)", () => {
	it.each([
		["  YubiKey 5C  ", "YubiKey 5C"],
		["<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"],
		["Ключ 🔑", "Ключ 🔑"],
		["e\u0301", "é"],
		["👩‍💻 laptop", "👩‍💻 laptop"],
		["x".repeat(64), "x".repeat(64)],
	])("accepts %j as %j", (input, output) => {
		expect(ZPasskeyName.parse(input)).toBe(output);
	});

	it.each([
		["", "empty"],
		["   ", "blank"],
		["x".repeat(65), "65 code points"],
		["a\u0000b", "NUL"],
		["a\nb", "newline"],
		["a\u007fb", "DEL"],
		["a\u0085b", "C1 control"],
		["evil\u202Etxt", "RLO"],
		["a\u2066b", "LRI"],
		["a\u200Fb", "RLM"],
		["a\u2028b", "line separator"],
		["a\uD800b", "lone surrogate"],
		["x".repeat(2000), "huge"],
	])("refuses %j (%s)", (input) => {
		expect(ZPasskeyName.safeParse(input).success).toBe(false);
	});
});

describe("response schemas", () => {
	it("accept what an authenticator produces", () => {
		expect(ZRegistrationResponseJSON.parse(registration)).toEqual(registration);
		expect(ZAuthenticationResponseJSON.parse(assertion)).toEqual(assertion);
	});

	it("treat a null userHandle as absent and drop unknown keys", () => {
		const parsed = ZAuthenticationResponseJSON.parse({
			...assertion,
			extra: "ignored",
			response: { ...assertion.response, userHandle: null },
		});
		expect(parsed.response.userHandle).toBeUndefined();
		expect("extra" in parsed).toBe(false);
	});

	it.each([
		["id differs from rawId", { ...assertion, rawId: "AAAA" }],
		["type is not public-key", { ...assertion, type: "password" }],
		["padded base64", { ...assertion, id: `${assertion.id}=`, rawId: `${assertion.id}=` }],
		["standard base64 characters", { ...assertion, id: "a+b/", rawId: "a+b/" }],
		["missing signature", { ...assertion, response: { ...assertion.response, signature: undefined } }],
		["empty signature", { ...assertion, response: { ...assertion.response, signature: "" } }],
		["huge clientDataJSON", { ...assertion, response: { ...assertion.response, clientDataJSON: "A".repeat(8193) } }],
		["userHandle over 64 bytes", { ...assertion, response: { ...assertion.response, userHandle: "A".repeat(87) } }],
		["credential id over 1023 bytes", { ...assertion, id: "A".repeat(1365), rawId: "A".repeat(1365) }],
		["numbers for strings", { ...assertion, id: 1, rawId: 1 }],
		["wrong attachment", { ...assertion, authenticatorAttachment: "usb" }],
		["missing clientExtensionResults", { ...assertion, clientExtensionResults: undefined }],
	])("authentication: refuses %s", (_label, value) => {
		expect(ZAuthenticationResponseJSON.safeParse(value).success).toBe(false);
	});

	it.each([
		[
			"missing attestationObject",
			{ ...registration, response: { ...registration.response, attestationObject: undefined } },
		],
		[
			"too many transports",
			{ ...registration, response: { ...registration.response, transports: Array(9).fill("usb") } },
		],
		["odd transport", { ...registration, response: { ...registration.response, transports: ["<script>"] } }],
		["credProps garbage", { ...registration, clientExtensionResults: { credProps: { rk: "yes" } } }],
	])("registration: refuses %s", (_label, value) => {
		expect(ZRegistrationResponseJSON.safeParse(value).success).toBe(false);
	});
});

describe("ZPasskeyView", () => {
	it("strips anything that is not part of the view", () => {
		const view = {
			id: "5f0c7c1e-8a4f-4f57-9a0e-3d6c2b8f9a10",
			name: "Key",
			createdAt: new Date(),
			lastUsedAt: null,
			useCount: 0,
			authenticatorName: null,
			aaguid: "00000000-0000-0000-0000-000000000000",
			deviceType: "singleDevice" as const,
			backedUp: false,
			flagged: false,
		};
		expect(ZPasskeyView.parse({ ...view, public_key: "secret", counter: 5 })).toEqual(view);
	});
});

describe("WebAuthn options output schemas", () => {
	// Output schemas drop unknown keys: if the library ever emits a field these do not know, the
	// browser would silently stop receiving it. Parsing must give back exactly what was generated.
	it("keeps every field @simplewebauthn/server generates for registration", async () => {
		const options = await generateRegistrationOptions({
			rpName: "Tessera",
			rpID: "tessera.test",
			userName: "ada@tessera.test",
			userDisplayName: "Ada",
			attestationType: "none",
			excludeCredentials: [{ id: "Y3JlZA", transports: ["internal", "hybrid"] }],
			authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
			preferredAuthenticatorType: "localDevice",
		});
		expect(ZPasskeyCreationOptionsJSON.parse(options)).toEqual(options);
	});

	it("keeps every field @simplewebauthn/server generates for authentication", async () => {
		const options = await generateAuthenticationOptions({
			rpID: "tessera.test",
			allowCredentials: [{ id: "Y3JlZA", transports: ["usb"] }],
			userVerification: "required",
		});
		expect(ZPasskeyRequestOptionsJSON.parse(options)).toEqual(options);
	});

	it("refuses options without a challenge", () => {
		expect(ZPasskeyRequestOptionsJSON.safeParse({ rpId: "tessera.test" }).success).toBe(false);
	});
});
