import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Encryption and MAC for secrets at rest, from one 32-byte master key (configuration).
 * Each use gets its own HKDF-derived key, so a key for one purpose is useless for another.
 * Node's crypto does the cryptography; this only fixes the choices.
 */
export class SecretBox {
	readonly #encryptionKey: Buffer;
	readonly #macKey: Buffer;

	constructor(masterKey: Uint8Array) {
		if (masterKey.length !== 32) throw new Error("the secret key must be 32 bytes");
		this.#encryptionKey = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "tessera/v1/encryption", 32));
		this.#macKey = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "tessera/v1/mac", 32));
	}

	/**
	 * AES-256-GCM with a random 96-bit IV. `context` (e.g. the user id) is authenticated as
	 * associated data: a ciphertext copied to another user's row fails to open.
	 */
	seal(plaintext: string, context: string): string {
		const iv = randomBytes(12);
		const cipher = createCipheriv("aes-256-gcm", this.#encryptionKey, iv);
		cipher.setAAD(Buffer.from(context, "utf8"));
		const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
		return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(
			".",
		);
	}

	open(sealed: string, context: string): string {
		const [version, iv, tag, data] = sealed.split(".");
		if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("unknown ciphertext format");
		const decipher = createDecipheriv("aes-256-gcm", this.#encryptionKey, Buffer.from(iv, "base64url"));
		decipher.setAAD(Buffer.from(context, "utf8"));
		decipher.setAuthTag(Buffer.from(tag, "base64url"));
		return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
	}

	/** Keyed hash for short codes: a leaked table cannot be brute-forced without the key. */
	mac(value: string): string {
		return createHmac("sha256", this.#macKey).update(value, "utf8").digest("hex");
	}

	/** Constant-time comparison of `value`'s MAC with a stored one. */
	verifyMac(value: string, storedMac: string): boolean {
		const expected = Buffer.from(this.mac(value), "hex");
		const stored = Buffer.from(storedMac, "hex");
		return stored.length === expected.length && timingSafeEqual(stored, expected);
	}
}
