/**
 * A software WebAuthn authenticator for tests (no browser here): an ES256 key pair from
 * node:crypto that answers creation and request options with the same JSON a browser's
 * `PublicKeyCredential.toJSON()` produces. Every field an attacker or a broken authenticator
 * could change has a knob: origin, RP ID, challenge, clientData type, UP/UV/BE/BS flags, sign
 * count, user handle, a bogus signature, the presented credential id. Tests only.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import type {
	AuthenticationResponseJSON,
	PublicKeyCredentialCreationOptionsJSON,
	PublicKeyCredentialRequestOptionsJSON,
	RegistrationResponseJSON,
} from "@simplewebauthn/server";

// ---- A minimal CBOR encoder (RFC 8949): unsigned/negative ints, byte and text strings, arrays,
// maps. Enough for attestation objects and COSE keys; always the shortest head, as decoders
// that re-encode (SimpleWebAuthn does, to measure the COSE key) expect.

export type CborValue = number | string | Uint8Array | CborValue[] | Map<CborValue, CborValue>;

function cborHead(major: number, length: number): Buffer {
	if (!Number.isInteger(length) || length < 0 || length > 0xffff_ffff) throw new Error(`CBOR: bad length ${length}`);
	if (length < 24) return Buffer.from([(major << 5) | length]);
	if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
	if (length < 0x1_0000) {
		const head = Buffer.alloc(3);
		head[0] = (major << 5) | 25;
		head.writeUInt16BE(length, 1);
		return head;
	}
	const head = Buffer.alloc(5);
	head[0] = (major << 5) | 26;
	head.writeUInt32BE(length, 1);
	return head;
}

export function cborEncode(value: CborValue): Buffer {
	if (typeof value === "number") {
		if (!Number.isInteger(value)) throw new Error("CBOR: only integers are supported");
		return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
	}
	if (typeof value === "string") {
		const bytes = Buffer.from(value, "utf8");
		return Buffer.concat([cborHead(3, bytes.length), bytes]);
	}
	if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), value]);
	if (Array.isArray(value)) return Buffer.concat([cborHead(4, value.length), ...value.map(cborEncode)]);
	const parts: Buffer[] = [cborHead(5, value.size)];
	for (const [key, item] of value) parts.push(cborEncode(key), cborEncode(item));
	return Buffer.concat(parts);
}

// ---- The authenticator

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

export interface SoftAuthenticatorOptions {
	/** The origin the "browser" runs on. */
	origin: string;
	/** Raw credential id; 32 random bytes by default. */
	credentialId?: Uint8Array;
	/** AAGUID as a uuid string; all zeros by default (as "none" attestation often reports). */
	aaguid?: string;
	/** Backup eligible / backed up, reported in every response unless a call overrides them. */
	be?: boolean;
	bs?: boolean;
	/** "increment" (default): +1 per assertion, like a security key. "zero": always 0, like many platform passkeys. */
	counter?: "increment" | "zero";
	/** The stored sign count before the first assertion. */
	initialSignCount?: number;
	transports?: string[];
}

/** Per-response overrides: what a hostile page, a broken authenticator or a replayer would change. */
export interface CeremonyKnobs {
	origin?: string;
	/** RP ID hashed into authenticator data; defaults to the one in the options. */
	rpId?: string;
	/** Challenge written into clientDataJSON; defaults to the one in the options. */
	challenge?: string;
	/** clientDataJSON.type; defaults to webauthn.create / webauthn.get. */
	type?: string;
	up?: boolean;
	uv?: boolean;
	be?: boolean;
	bs?: boolean;
	/** Sign count written into authenticator data, instead of the authenticator's own. */
	signCount?: number;
	/** The credential id the response presents (id and rawId), instead of this authenticator's. */
	presentedId?: string;
}

export interface AssertionKnobs extends CeremonyKnobs {
	/** base64url user handle; null leaves it out. Defaults to the user.id seen at registration. */
	userHandle?: string | null;
	/** Sign something else: a well-formed signature that does not verify. */
	bogusSignature?: boolean;
}

export class SoftAuthenticator {
	readonly credentialId: Buffer;
	readonly aaguid: string;
	readonly origin: string;
	/** The user.id (base64url) from the last registration: what a discoverable credential returns as userHandle. */
	userHandle: string | undefined;
	signCount: number;
	readonly #privateKey: KeyObject;
	readonly #coseKey: Buffer;
	readonly #options: SoftAuthenticatorOptions;

	constructor(options: SoftAuthenticatorOptions) {
		this.#options = options;
		this.origin = options.origin;
		this.credentialId = Buffer.from(options.credentialId ?? randomBytes(32));
		this.aaguid = options.aaguid ?? "00000000-0000-0000-0000-000000000000";
		this.signCount = options.initialSignCount ?? 0;
		const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
		this.#privateKey = privateKey;
		const jwk = publicKey.export({ format: "jwk" });
		if (!jwk.x || !jwk.y) throw new Error("EC key without coordinates");
		// COSE_Key (RFC 9053): kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
		this.#coseKey = cborEncode(
			new Map<CborValue, CborValue>([
				[1, 2],
				[3, -7],
				[-1, 1],
				[-2, Buffer.from(jwk.x, "base64url")],
				[-3, Buffer.from(jwk.y, "base64url")],
			]),
		);
	}

	/** The credential id as the server stores it (base64url). */
	get id(): string {
		return this.credentialId.toString("base64url");
	}

	/** Answers creation options like `navigator.credentials.create()` with "none" attestation. */
	createRegistrationResponse(
		options: PublicKeyCredentialCreationOptionsJSON,
		knobs: CeremonyKnobs = {},
	): RegistrationResponseJSON {
		this.userHandle = options.user.id;
		const rpId = knobs.rpId ?? options.rp.id;
		if (!rpId) throw new Error("options without rp.id");
		const clientDataJSON = this.#clientData("webauthn.create", options.challenge, knobs);
		const credIdLength = Buffer.alloc(2);
		credIdLength.writeUInt16BE(this.credentialId.length);
		const authData = Buffer.concat([
			this.#authDataHead(rpId, FLAG_AT, knobs, knobs.signCount ?? this.signCount),
			Buffer.from(this.aaguid.replaceAll("-", ""), "hex"),
			credIdLength,
			this.credentialId,
			this.#coseKey,
		]);
		const attestationObject = cborEncode(
			new Map<CborValue, CborValue>([
				["fmt", "none"],
				["attStmt", new Map()],
				["authData", authData],
			]),
		);
		const id = knobs.presentedId ?? this.id;
		return {
			id,
			rawId: id,
			type: "public-key",
			response: {
				clientDataJSON: clientDataJSON.toString("base64url"),
				attestationObject: attestationObject.toString("base64url"),
				transports: this.#options.transports ?? ["internal", "hybrid"],
			},
			authenticatorAttachment: "platform",
			clientExtensionResults: { credProps: { rk: true } },
		};
	}

	/** Answers request options like `navigator.credentials.get()`: authData ‖ DER ECDSA signature. */
	createAuthenticationResponse(
		options: PublicKeyCredentialRequestOptionsJSON,
		knobs: AssertionKnobs = {},
	): AuthenticationResponseJSON {
		const rpId = knobs.rpId ?? options.rpId;
		if (!rpId) throw new Error("options without rpId");
		let signCount = knobs.signCount;
		if (signCount === undefined) {
			if (this.#options.counter !== "zero") this.signCount += 1;
			signCount = this.#options.counter === "zero" ? 0 : this.signCount;
		}
		const clientDataJSON = this.#clientData("webauthn.get", options.challenge, knobs);
		const authData = this.#authDataHead(rpId, 0, knobs, signCount);
		const clientDataHash = createHash("sha256").update(clientDataJSON).digest();
		const signed = knobs.bogusSignature ? randomBytes(64) : Buffer.concat([authData, clientDataHash]);
		const signature = sign("sha256", signed, this.#privateKey);
		const userHandle = knobs.userHandle === undefined ? this.userHandle : (knobs.userHandle ?? undefined);
		const id = knobs.presentedId ?? this.id;
		return {
			id,
			rawId: id,
			type: "public-key",
			response: {
				clientDataJSON: clientDataJSON.toString("base64url"),
				authenticatorData: authData.toString("base64url"),
				signature: signature.toString("base64url"),
				...(userHandle === undefined ? {} : { userHandle }),
			},
			authenticatorAttachment: "platform",
			clientExtensionResults: {},
		};
	}

	#clientData(defaultType: string, defaultChallenge: string, knobs: CeremonyKnobs): Buffer {
		return Buffer.from(
			JSON.stringify({
				type: knobs.type ?? defaultType,
				challenge: knobs.challenge ?? defaultChallenge,
				origin: knobs.origin ?? this.origin,
				crossOrigin: false,
			}),
			"utf8",
		);
	}

	/** rpIdHash ‖ flags ‖ signCount (big-endian uint32). */
	#authDataHead(rpId: string, extraFlags: number, knobs: CeremonyKnobs, signCount: number): Buffer {
		const up = knobs.up ?? true;
		const uv = knobs.uv ?? true;
		const be = knobs.be ?? this.#options.be ?? false;
		const bs = knobs.bs ?? this.#options.bs ?? false;
		const flags = (up ? FLAG_UP : 0) | (uv ? FLAG_UV : 0) | (be ? FLAG_BE : 0) | (bs ? FLAG_BS : 0) | extraFlags;
		const count = Buffer.alloc(4);
		count.writeUInt32BE(signCount);
		return Buffer.concat([createHash("sha256").update(rpId).digest(), Buffer.from([flags]), count]);
	}
}
