/**
 * Passkey inputs and outputs shared by the API (procedure input/output) and the portal (forms).
 * The response schemas are structural: they bound types, characters and lengths so garbage is
 * refused before any crypto runs; the cryptographic checks happen in passkey.service.ts.
 */
import type { AuthenticationExtensionsClientInputs } from "@simplewebauthn/server";
import { z } from "zod";

/** A WebAuthn credential id is at most 1023 bytes (WebAuthn §7.1 step 22; W06): 1364 base64url characters. */
export const MAX_CREDENTIAL_ID_BYTES = 1023;
const MAX_CREDENTIAL_ID_CHARS = Math.ceil((MAX_CREDENTIAL_ID_BYTES * 4) / 3);

// Unpadded base64url, as PublicKeyCredential.toJSON() produces it.
const BASE64URL = /^[A-Za-z0-9_-]*$/;

const base64url = (max: number, min = 1) =>
	z.string().min(min).max(max).regex(BASE64URL, "Must be base64url without padding");

// W10: control characters, line/paragraph separators, bidi controls and lone surrogates make a
// name render misleadingly (or break out of its cell) in admin tables, emails and logs.
const FORBIDDEN_NAME_CHARS = /[\p{Cc}\p{Cs}\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const MAX_NAME_CODE_POINTS = 64;

/**
 * A passkey's friendly name (W10): NFC-normalised and trimmed, 1–64 code points, no control,
 * bidi or separator characters. Anything else (HTML included) is kept literally: the portal
 * renders it as text.
 */
export const ZPasskeyName = z
	.string()
	// A cheap cap before any per-code-point work: 64 code points are at most 256 UTF-16 units.
	.max(1024)
	.transform((value) => value.normalize("NFC").trim())
	.refine((value) => value.length > 0, "Must not be empty")
	.refine((value) => [...value].length <= MAX_NAME_CODE_POINTS, `Must be at most ${MAX_NAME_CODE_POINTS} characters`)
	.refine((value) => !FORBIDDEN_NAME_CHARS.test(value), "Must not contain control or text-direction characters");
export type TPasskeyName = z.infer<typeof ZPasskeyName>;

const ZTransports = z
	.array(
		z
			.string()
			.max(32)
			.regex(/^[a-z][a-z-]*$/),
	)
	.max(8);

// The server reads none of the client extension outputs; known ones are type-checked and unknown
// ones dropped, so a response cannot smuggle arbitrary payloads further in.
const ZClientExtensionResults = z.object({
	appid: z.boolean().optional(),
	credProps: z.object({ rk: z.boolean().optional() }).optional(),
	hmacCreateSecret: z.boolean().optional(),
});

const ZAuthenticatorAttachment = z.enum(["platform", "cross-platform"]).optional();

function idEqualsRawId(value: { id: string; rawId: string }): boolean {
	return value.id === value.rawId;
}

/** `RegistrationResponseJSON` (the result of `navigator.credentials.create()` → `toJSON()`), bounded. */
export const ZRegistrationResponseJSON = z
	.object({
		id: base64url(MAX_CREDENTIAL_ID_CHARS),
		rawId: base64url(MAX_CREDENTIAL_ID_CHARS),
		type: z.literal("public-key"),
		response: z.object({
			clientDataJSON: base64url(8192),
			// "none" attestation is ~200 bytes; packed or TPM statements with certificate chains stay far below this.
			attestationObject: base64url(65_536),
			authenticatorData: base64url(16_384).optional(),
			transports: ZTransports.optional(),
			publicKeyAlgorithm: z.number().int().min(-65_536).max(65_536).optional(),
			publicKey: base64url(8192).optional(),
		}),
		authenticatorAttachment: ZAuthenticatorAttachment,
		clientExtensionResults: ZClientExtensionResults,
	})
	.refine(idEqualsRawId, { message: "id must equal rawId", path: ["rawId"] });
export type TRegistrationResponseJSON = z.infer<typeof ZRegistrationResponseJSON>;

/** `AuthenticationResponseJSON` (the result of `navigator.credentials.get()` → `toJSON()`), bounded. */
export const ZAuthenticationResponseJSON = z
	.object({
		id: base64url(MAX_CREDENTIAL_ID_CHARS),
		rawId: base64url(MAX_CREDENTIAL_ID_CHARS),
		type: z.literal("public-key"),
		response: z.object({
			clientDataJSON: base64url(8192),
			authenticatorData: base64url(16_384),
			signature: base64url(4096),
			// A user handle is at most 64 bytes (WebAuthn §5.4.3). Some clients send null for "absent".
			userHandle: base64url(86)
				.nullish()
				.transform((value) => value ?? undefined),
		}),
		authenticatorAttachment: ZAuthenticatorAttachment,
		clientExtensionResults: ZClientExtensionResults,
	})
	.refine(idEqualsRawId, { message: "id must equal rawId", path: ["rawId"] });
export type TAuthenticationResponseJSON = z.infer<typeof ZAuthenticationResponseJSON>;

/** What the API and portal may see of a passkey: never the public key, credential id or counter. */
export const ZPasskeyView = z.object({
	id: z.uuid(),
	name: z.string(),
	createdAt: z.date(),
	lastUsedAt: z.date().nullable(),
	useCount: z.number().int().nonnegative(),
	/** Display name of the authenticator model from its AAGUID, when known. */
	authenticatorName: z.string().nullable(),
	aaguid: z.string(),
	deviceType: z.enum(["singleDevice", "multiDevice"]),
	backedUp: z.boolean(),
	/** Set after a signature-counter regression (possible clone): the passkey can no longer sign in. */
	flagged: z.boolean(),
});
export type TPasskeyView = z.infer<typeof ZPasskeyView>;
export type PasskeyView = TPasskeyView;

/** Every passkey of the caller, newest first as core lists them. */
export const ZPasskeyListOutput = z.array(ZPasskeyView);

/** Registers the passkey whose options were just issued, under a name the person chose. */
export const ZRegisterPasskeyInput = z.strictObject({ name: ZPasskeyName, response: ZRegistrationResponseJSON });
export type TRegisterPasskeyInput = z.infer<typeof ZRegisterPasskeyInput>;

export const ZRenamePasskeyInput = z.strictObject({ passkeyId: z.uuid(), name: ZPasskeyName });
export type TRenamePasskeyInput = z.infer<typeof ZRenamePasskeyInput>;

export const ZRemovePasskeyInput = z.strictObject({ passkeyId: z.uuid() });

/** An assertion answering options the server issued (second factor, re-authentication). */
export const ZPasskeyAssertionInput = z.strictObject({ response: ZAuthenticationResponseJSON });

// The options below describe what @simplewebauthn/server generates (its
// PublicKeyCredentialCreationOptionsJSON / PublicKeyCredentialRequestOptionsJSON, v14), field for
// field, so the procedure output is checked and the portal hands the browser a typed value. They
// are output schemas: unknown top-level keys are dropped, and values come from the server, so
// they are typed rather than bounded.

const ZCredentialDescriptorJSON = z.object({
	id: z.string(),
	// The library types both as plain strings: browsers ignore transports and types they do not know.
	type: z.string(),
	transports: z.array(z.string()).optional(),
});

const ZUserVerificationRequirement = z.enum(["discouraged", "preferred", "required"]);
const ZCredentialHint = z.enum(["hybrid", "security-key", "client-device"]);

/**
 * Client extension inputs, passed on unchanged whatever object they are. WebAuthn lets a
 * relying party ask for extensions the browser may not implement (§9), and PRF inputs carry binary values, so only the
 * shape "an object" is checked; the type is the library's.
 */
const ZExtensionInputs = z.custom<AuthenticationExtensionsClientInputs>(
	(value) => typeof value === "object" && value !== null && !Array.isArray(value),
	"Must be an object",
);

/** `PublicKeyCredentialCreationOptionsJSON`: what `navigator.credentials.create()` is asked with. */
export const ZPasskeyCreationOptionsJSON = z.object({
	rp: z.object({ name: z.string(), id: z.string().optional() }),
	user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
	challenge: z.string().min(1),
	pubKeyCredParams: z.array(z.object({ alg: z.number().int(), type: z.literal("public-key") })),
	timeout: z.number().optional(),
	excludeCredentials: z.array(ZCredentialDescriptorJSON).optional(),
	authenticatorSelection: z
		.object({
			authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
			requireResidentKey: z.boolean().optional(),
			residentKey: z.enum(["discouraged", "preferred", "required"]).optional(),
			userVerification: ZUserVerificationRequirement.optional(),
		})
		.optional(),
	hints: z.array(ZCredentialHint).optional(),
	attestation: z.enum(["direct", "enterprise", "indirect", "none"]).optional(),
	attestationFormats: z
		.array(z.enum(["fido-u2f", "packed", "android-safetynet", "android-key", "tpm", "apple", "none"]))
		.optional(),
	extensions: ZExtensionInputs.optional(),
});
export type TPasskeyCreationOptionsJSON = z.output<typeof ZPasskeyCreationOptionsJSON>;

/** `PublicKeyCredentialRequestOptionsJSON`: what `navigator.credentials.get()` is asked with. */
export const ZPasskeyRequestOptionsJSON = z.object({
	challenge: z.string().min(1),
	timeout: z.number().optional(),
	rpId: z.string().optional(),
	allowCredentials: z.array(ZCredentialDescriptorJSON).optional(),
	userVerification: ZUserVerificationRequirement.optional(),
	hints: z.array(ZCredentialHint).optional(),
	extensions: ZExtensionInputs.optional(),
});
export type TPasskeyRequestOptionsJSON = z.output<typeof ZPasskeyRequestOptionsJSON>;
